// The contract tier: the same client tests against the real sandbox CLI process.
import { clientSuite } from '../cases/client.cases';

clientSuite('process');

// The unit tier: client tests over the in-process sandbox runner (no process per call).
import { clientSuite } from '../cases/client.cases';

clientSuite('in-process');

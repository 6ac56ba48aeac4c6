// The contract tier: the same heroku tests against the real sandbox CLI process.
import { herokuSuite } from '../cases/heroku.cases';

herokuSuite('process');

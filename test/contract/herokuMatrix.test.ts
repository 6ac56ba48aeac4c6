// The contract tier: the Heroku layer's read matrix (every read × transport × mode × dialect) against the real sandbox CLI process.
import { herokuSuite } from '../cases/heroku.cases';

herokuSuite('process', 'matrix');

// The contract tier: the Heroku layer (scale, cache, mutations, config vars, cancellation, rate limits) against the real sandbox CLI process; the read matrix is in herokuMatrix.test.ts.
import { herokuSuite } from '../cases/heroku.cases';

herokuSuite('process', 'rest');

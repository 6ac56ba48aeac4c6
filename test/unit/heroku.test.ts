// The unit tier: heroku tests over the in-process sandbox runner (no process per call).
import { herokuSuite } from '../cases/heroku.cases';

herokuSuite('in-process');

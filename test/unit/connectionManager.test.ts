// The unit tier: the connection state machine over the in-process sandbox runner.
import { connectionManagerSuite } from '../cases/connectionManager.cases';

connectionManagerSuite('in-process');

// The contract tier: the connection state machine spawning the real sandbox CLI.
import { connectionManagerSuite } from '../cases/connectionManager.cases';

connectionManagerSuite('process');

// Every `tiller` command, in the order `tiller --help` lists them. Each feature adds its own here.
import type { Command } from './command.ts';
import { serveCommand } from '../platform/http/serve-command.ts';
import { migrateCommand } from '../platform/db/migrate-command.ts';
import { demoCommand } from '../demo/demo-command.ts';
import { restrictCommand, userAddCommand, userTokenCommand } from '../auth/user-command.ts';
import { clocksCommand } from '../clocks/clocks-command.ts';
import { flagsCommand } from '../flags/flags-command.ts';
import { indicatorsCommand } from '../indicators/indicators-command.ts';
import { returnCinCensusCommand, validateCinCensusCommand } from '../returns/cin-census/commands.ts';
import { returnSsda903Command, validateSsda903Command } from '../returns/ssda903/commands.ts';
import { exportSsdCommand, importSsdCommand } from '../returns/ssd/ssd-command.ts';
import { returnAnnexACommand } from '../returns/annex-a/commands.ts';
import { returnDfeApiCommand, sendDfeApiCommand } from '../returns/dfe-api/commands.ts';

export const commands: Command[] = [serveCommand, migrateCommand, demoCommand, importSsdCommand, exportSsdCommand, clocksCommand, flagsCommand, indicatorsCommand, returnCinCensusCommand, validateCinCensusCommand, returnSsda903Command, validateSsda903Command, returnAnnexACommand, returnDfeApiCommand, sendDfeApiCommand, userAddCommand, userTokenCommand, restrictCommand];

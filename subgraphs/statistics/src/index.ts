import 'reflect-metadata';
import { membersDirectory, runSubgraph } from '@zjjt/kit';
import { statistics } from './schema';

// The real members directory (HTTP to members at MEMBERS_URL); unit tests build statistics with an in-memory one.
void runSubgraph(statistics, (env) => ({ directory: membersDirectory('statistics', env) }));

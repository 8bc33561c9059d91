import 'reflect-metadata';
import { membersDirectory, runSubgraph } from '@zjjt/kit';
import { bases } from './schema';

// The real members directory (HTTP to members at MEMBERS_URL); unit tests build bases with an in-memory one.
void runSubgraph(bases, (env) => ({ directory: membersDirectory('bases', env) }));

import 'reflect-metadata';
import { membersDirectory, runSubgraph } from '@zjjt/kit';
import { resources } from './schema';

// The real members directory (HTTP to members at MEMBERS_URL); unit tests build resources with an in-memory one.
void runSubgraph(resources, (env) => ({ directory: membersDirectory('resources', env) }));

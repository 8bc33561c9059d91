import 'reflect-metadata';
import { runSubgraph } from '@zjjt/kit';
import { members } from './schema';

void runSubgraph(members);

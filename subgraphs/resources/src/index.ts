import 'reflect-metadata';
import { runSubgraph } from '@zjjt/kit';
import { resources } from './schema';

void runSubgraph(resources);

import 'reflect-metadata';
import { runSubgraph } from '@zjjt/kit';
import { statistics } from './schema';

void runSubgraph(statistics);

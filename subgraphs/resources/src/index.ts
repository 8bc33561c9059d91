import 'reflect-metadata';
import { runSubgraph } from '../../kit/src';
import { resources } from './schema';

void runSubgraph(resources);

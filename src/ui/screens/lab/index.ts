import { defineScreen } from '../definition.js';
import { labModel } from './model.js';
import { LabView } from './view.js';

export const labScreen = defineScreen({
  id: 'lab',
  title: 'Lab',
  description: 'One lab: story, task, hints, your solution, the run and its score',
  menu: false,
  model: labModel,
  View: LabView,
});

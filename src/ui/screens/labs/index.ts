import { defineScreen } from '../definition.js';
import { labsModel } from './model.js';
import { LabsView } from './view.js';

export const labsScreen = defineScreen({
  id: 'labs',
  title: 'Labs',
  description: 'Hands-on labs scored on the engine',
  menu: true,
  model: labsModel,
  View: LabsView,
});

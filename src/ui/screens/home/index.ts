import { defineScreen } from '../definition.js';
import { homeModel } from './model.js';
import { HomeView } from './view.js';

export const homeScreen = defineScreen({
  id: 'home',
  title: 'Home',
  description: 'The start screen',
  menu: false,
  model: homeModel,
  View: HomeView,
});

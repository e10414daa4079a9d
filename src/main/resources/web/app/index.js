// Entry point of the dashboard bundle: the shell registers every page it routes to.
import './styles.css';
import './shell.js';

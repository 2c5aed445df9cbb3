// Imports a package nobody serves: the program must see Node's own error.
import 'statscope-not-a-package';

// The stack is synthesized once per run (bundling every function is the slow part): the specs
// of the template and of the staged assets share it, so they run in this one file.
import "./stack.specs";
import "./native-modules.specs";
import "./aws-sdk.specs";

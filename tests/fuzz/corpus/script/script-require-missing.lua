local m = require "no_such_module"

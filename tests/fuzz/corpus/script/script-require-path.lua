local m = require "../secrets"

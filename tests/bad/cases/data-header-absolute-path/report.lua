--@data survey = /etc/passwd
local s = dataset "survey"

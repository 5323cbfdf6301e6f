--@data survey = ../../../../../../../../../../proc/self/environ
doc = dataset "survey"

local s = dataset "survey"

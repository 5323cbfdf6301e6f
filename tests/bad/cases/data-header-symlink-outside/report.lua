--@data survey = data/survey.csv
local s = dataset "survey"

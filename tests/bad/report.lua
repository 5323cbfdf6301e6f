-- The default script of a bad-input case: load the dataset, make a title page.
local survey = dataset "survey"
report { title = "Bad input case" }

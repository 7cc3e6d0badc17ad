// Satisfaction surveys: a SunCo form sent when an agent resolves a conversation (if the organization wants one), the
// end user's answer recognised and stored as a rating, and the ratings reports read.
export { SURVEY_QUEUE, type SurveyJob } from "./queue";
export { COMMENT_FIELD, RATING_FIELD, SURVEY_FORM, surveyAnswer } from "./survey-form";
export { recordSurveyAnswers, startSurveyAnswers, stopSurveyAnswers } from "./answers";
export { listSatisfactionRatings, type SatisfactionRating } from "./ratings";

export const POSTGRES_TEMPLATE_DATABASE = "sunbridge_test_template";

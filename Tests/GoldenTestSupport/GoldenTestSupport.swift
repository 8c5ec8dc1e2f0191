// GoldenTestSupport placeholder

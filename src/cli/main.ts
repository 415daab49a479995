// cleanrooms-iam CLI entry (being written).
console.log('cleanrooms-iam');

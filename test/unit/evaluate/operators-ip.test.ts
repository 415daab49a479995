import { runTable } from './helpers';
// IAM User Guide, "IAM JSON policy elements: Condition operators", IP address condition operators.
runTable('IP operators', 'aws:SourceIp', [
  ['IpAddress', '203.0.113.0/24', '203.0.113.7', true],
  ['IpAddress', '203.0.113.0/24', '203.0.114.7', false],
  ['IpAddress', '203.0.113.0/25', '203.0.113.127', true],
  ['IpAddress', '203.0.113.0/25', '203.0.113.128', false],
  ['IpAddress', '203.0.113.5', '203.0.113.5', true],
  ['IpAddress', '203.0.113.5/32', '203.0.113.6', false],
  ['IpAddress', '0.0.0.0/0', '198.51.100.1', true],
  ['IpAddress', ['10.0.0.0/8', '203.0.113.0/24'], '203.0.113.9', true],
  ['IpAddress', '2001:DB8:1234:5678::/64', '2001:db8:1234:5678::1', true],
  ['IpAddress', '2001:DB8:1234:5678::/64', '2001:db8:1234:5679::1', false],
  ['IpAddress', '203.0.113.0/24', '2001:db8::1', false],
  ['IpAddress', '203.0.113.0/24', undefined, false],
  ['NotIpAddress', '203.0.113.0/24', '203.0.113.7', false],
  ['NotIpAddress', '203.0.113.0/24', '198.51.100.7', true],
  ['NotIpAddress', ['10.0.0.0/8', '203.0.113.0/24'], '10.1.1.1', false],
  ['NotIpAddress', '203.0.113.0/24', undefined, true],
  ['IpAddress', '203.0.113.0/24', 'UNKNOWN', 'unknown'],
]);

#!/usr/bin/env bash
# `npm run deploy`: deploys the stack with `cdk deploy`. Only MANAGER_CIDRS is required; every
# other variable is optional and, when unset, is not passed at all, so a first deploy takes the
# parameter's default and a later one keeps the value deployed before (CDK's
# --previous-parameters). Extra arguments go to `cdk deploy` (e.g. --require-approval never).
#
#   MANAGER_CIDRS                  ManagerCidrs: the managers' IPv4/IPv6 CIDRs, comma-separated
#   MANAGER_KEYS                   ManagerKeys: required (default) or off, see docs/operations.md
#   STAGE                          the stage: stack Tombola-<stage> (none: Tombola), see infra/stage.ts
#   CURRENCY                       Currency
#   ALARM_EMAIL                    AlarmEmail
#   TRACING                        Tracing: Off or Active
#   SMS_ORIGINATION_IDENTITY_ARN   SmsOriginationIdentityArn (none: SMS off, notifications
#                                  skipped with sms_disabled)
#   SMS_CONFIGURATION_SET          SmsConfigurationSetName
set -euo pipefail
cd "$(dirname "$0")/.."

: "${MANAGER_CIDRS:?set MANAGER_CIDRS to the managers CIDR list, e.g. 203.0.113.0/24,2001:db8::/48}"

args=(--parameters "ManagerCidrs=${MANAGER_CIDRS}")
[[ -n "${MANAGER_KEYS:-}" ]] && args+=(--parameters "ManagerKeys=${MANAGER_KEYS}")
[[ -n "${STAGE:-}" ]] && args+=(--context "stage=${STAGE}")
[[ -n "${CURRENCY:-}" ]] && args+=(--parameters "Currency=${CURRENCY}")
[[ -n "${ALARM_EMAIL:-}" ]] && args+=(--parameters "AlarmEmail=${ALARM_EMAIL}")
[[ -n "${TRACING:-}" ]] && args+=(--parameters "Tracing=${TRACING}")
[[ -n "${SMS_ORIGINATION_IDENTITY_ARN:-}" ]] &&
  args+=(--parameters "SmsOriginationIdentityArn=${SMS_ORIGINATION_IDENTITY_ARN}")
[[ -n "${SMS_CONFIGURATION_SET:-}" ]] &&
  args+=(--parameters "SmsConfigurationSetName=${SMS_CONFIGURATION_SET}")

exec npx cdk deploy "${args[@]}" "$@"

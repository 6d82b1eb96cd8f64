#!/usr/bin/env bash
# Contract check (issue 18): the payment flows MicroSpa relies on, run against the Stripe stand-in (started here on
# loopback) and then against Stripe's test mode, so the stand-in is seen to answer as Stripe does. Not a test: it needs
# a Stripe test key and the network, and the test suite must never skip.
#   STRIPE_CONTRACT_KEY=sk_test_… scripts/stripe-contract.sh      the stand-in, then https://api.stripe.com
#   scripts/stripe-contract.sh --stand-in-only                     the stand-in alone (no key, no network)
# Each check prints ok or FAILED; the script exits non-zero when one failed (2: how it was called).
set -euo pipefail
cd "$(dirname "$0")/.."

stand_in_only=false
[[ "${1:-}" == "--stand-in-only" ]] && stand_in_only=true
key="${STRIPE_CONTRACT_KEY:-}"
if ! $stand_in_only; then
  if [[ -z "$key" ]]; then
    cat >&2 <<'USAGE'
Usage: STRIPE_CONTRACT_KEY=sk_test_... scripts/stripe-contract.sh
       scripts/stripe-contract.sh --stand-in-only
Runs the same payment flows against the Stripe stand-in and against Stripe's test mode (https://api.stripe.com)
with a test-mode secret key from the Stripe dashboard (Developers > API keys, with "Test mode" on).
It creates a customer, charges and refunds test cards in that test account; nothing real is charged.
USAGE
    exit 2
  fi
  if [[ "$key" == sk_live_* || "$key" == rk_live_* ]]; then
    echo "Refused: STRIPE_CONTRACT_KEY is a live key. The check creates charges; use a test-mode key (sk_test_...)." >&2
    exit 2
  fi
  if [[ "$key" != sk_test_* ]]; then
    echo "Refused: STRIPE_CONTRACT_KEY must be a test-mode secret key (sk_test_...)." >&2
    exit 2
  fi
fi

dotnet build src/MicroSpa.StripeStandIn -c Release -nologo -v quiet
dotnet build bench/MicroSpa.StripeContract -c Release -nologo -v quiet
contract=(dotnet bench/MicroSpa.StripeContract/bin/Release/net10.0/MicroSpa.StripeContract.dll)

work="$(mktemp -d)"
stand_in_key="sk_test_contract_$RANDOM$RANDOM"
dotnet src/MicroSpa.StripeStandIn/bin/Release/net10.0/MicroSpa.StripeStandIn.dll --urls http://127.0.0.1:0 \
  "--StandIn:ApiKey=$stand_in_key" --Logging:LogLevel:Default=Warning >"$work/stand-in.out" 2>&1 &
stand_in=$!
trap 'kill "$stand_in" 2>/dev/null || true; wait "$stand_in" 2>/dev/null || true; rm -rf "$work"' EXIT
url=""
for _ in $(seq 1 120); do
  url="$(sed -n 's/^Stripe stand-in listening on: \([^ ]*\).*/\1/p' "$work/stand-in.out" | head -n 1)"
  [[ -n "$url" ]] && break
  kill -0 "$stand_in" 2>/dev/null || { cat "$work/stand-in.out" >&2; echo "The stand-in did not start." >&2; exit 1; }
  sleep 0.5
done
[[ -n "$url" ]] || { echo "The stand-in did not say where it listens." >&2; exit 1; }

status=0
"${contract[@]}" "$url" "$stand_in_key" || status=1
if ! $stand_in_only; then
  echo
  "${contract[@]}" https://api.stripe.com "$key" || status=1
fi
exit $status

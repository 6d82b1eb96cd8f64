using MicroSpa.StripeContract;

// The contract check (issue 18; not part of the test suite): the same flows against the Stripe stand-in and against
// Stripe's test mode, each check printed with ok or FAILED. Run by scripts/stripe-contract.sh:
//   MicroSpa.StripeContract <api base, e.g. https://api.stripe.com> <secret key sk_test_…>
return args switch
{
    [var apiBase, var key] when key.StartsWith("sk_live_", StringComparison.Ordinal) => Refuse("a live key (sk_live_…) is refused: the check creates customers and charges; use a test-mode key (sk_test_…)"),
    [var apiBase, var key] when key.StartsWith("sk_test_", StringComparison.Ordinal) && Uri.TryCreate(apiBase, UriKind.Absolute, out var uri) =>
        await Contract.RunAsync(uri, key),
    _ => Refuse("usage: MicroSpa.StripeContract <api base> <sk_test_… key>"),
};

static int Refuse(string why)
{
    Console.Error.WriteLine(why);
    return 2;
}

namespace MicroSpa.Web.Infrastructure.Payments;

/// <summary>
/// The clinic's Stripe account, from the "Payments:Stripe" configuration section (environment variables
/// Payments__Stripe__SecretKey, Payments__Stripe__WebhookSecret; never logged, never shown). Without a secret key
/// MicroSpa takes no online payment and asks for none: the desk's tenders work as before. ApiBase is for the
/// stand-in gateway of the tests and the demo (decision 036); a clinic leaves it empty and talks to Stripe itself.
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Payments:Stripe";

    /// <summary>sk_test_… (Stripe's test mode, first) or sk_live_….</summary>
    public string? SecretKey { get; set; }

    /// <summary>The signing secret of the webhook endpoint (whsec_…), from the Stripe dashboard.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Another address for Stripe's API (the stand-in's); empty for Stripe.</summary>
    public string? ApiBase { get; set; }

    public bool TakesOnlinePayments => !string.IsNullOrWhiteSpace(SecretKey);

    public bool ReceivesWebhooks => !string.IsNullOrWhiteSpace(WebhookSecret);

    public const string ApiBaseMessage = "Payments:Stripe:ApiBase must be an absolute http(s) address (the stand-in gateway's) or empty for Stripe.";

    public bool HasValidApiBase() =>
        string.IsNullOrWhiteSpace(ApiBase) || (Uri.TryCreate(ApiBase, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    /// <summary>No secret in a string made of the options (a log line, an exception).</summary>
    public override string ToString() => $"Stripe (online payments {(TakesOnlinePayments ? "on" : "off")}, webhooks {(ReceivesWebhooks ? "on" : "off")})";
}

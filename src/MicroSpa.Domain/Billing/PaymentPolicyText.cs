using System.Text.RegularExpressions;

namespace MicroSpa.Domain.Billing;

/// <summary>
/// A published version of the clinic's cancellation and payment policy, as the consent text is versioned: a change is
/// a new version (who published it and when), never an edit, so what a client accepted can be shown as it was. The text
/// may name the clinic's amounts as placeholders (<see cref="Placeholders"/>), filled from the settings when shown.
/// </summary>
public sealed partial class PaymentPolicyText
{
    public const int MaxBodyLength = 10_000;

    /// <summary>The placeholders a policy may use, with what each becomes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Placeholders = new Dictionary<string, string>
    {
        ["{cancellation_cutoff}"] = "the cancellation cutoff, in hours (24 hours)",
        ["{cancellation_fee}"] = "the late cancellation fee ($40.00, or 50 % of the price)",
        ["{no_show_fee}"] = "the no-show fee",
    };

    public const string Version1Body =
        "You may cancel or move your appointment up to {cancellation_cutoff} before it starts at no charge. "
        + "A later cancellation costs {cancellation_fee}; missing your appointment without telling us costs {no_show_fee}. "
        + "A deposit taken when you book counts toward your visit. A saved card is charged only for these fees, "
        + "and only after the front desk confirms it.";

    private PaymentPolicyText()
    {
        Body = string.Empty;
    }

    public PaymentPolicyText(int version, string body, DateTimeOffset publishedAt, Guid? publishedByUserId = null, string? publishedByName = null)
    {
        Version = version;
        Body = body;
        PublishedAt = publishedAt;
        PublishedByUserId = publishedByUserId;
        PublishedByName = publishedByName;
    }

    public int Version { get; private set; }
    public string Body { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>The Admin who published it; null for version 1 (the migration's).</summary>
    public Guid? PublishedByUserId { get; private set; }

    public string? PublishedByName { get; private set; }

    /// <summary>The next version with the Admin's text; this one stays as it was.</summary>
    public PaymentPolicyText Revise(string body, Guid publishedByUserId, string publishedByName, DateTimeOffset now)
    {
        var newBody = (body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (newBody.Length is 0 or > MaxBodyLength)
        {
            throw new DomainException($"Write the policy (1 to {MaxBodyLength} characters).", nameof(Body));
        }

        if (Placeholder().Matches(newBody).Select(m => m.Value).FirstOrDefault(p => !Placeholders.ContainsKey(p)) is { } unknown)
        {
            throw new DomainException($"{unknown} is not a placeholder MicroSpa fills: use {string.Join(", ", Placeholders.Keys)}.", nameof(Body));
        }

        if (newBody == Body)
        {
            throw new DomainException($"This is the text of version {Version}: change it to publish a new version.", nameof(Body));
        }

        return new PaymentPolicyText(Version + 1, newBody, now.ToUniversalTime(), publishedByUserId, publishedByName);
    }

    /// <summary>The text with its placeholders filled: <paramref name="values"/> gives each placeholder's words.</summary>
    public string Fill(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(Body, m => values.TryGetValue(m.Value, out var value) ? value : m.Value);
    }

    /// <summary>The placeholders' words for the clinic's rules: "24 hours", "$40.00", "50 % of the service's price", "nothing".</summary>
    public static IReadOnlyDictionary<string, string> Values(PaymentRules rules, int cancellationCutoffHours, Func<Money, string> format, string currency)
    {
        ArgumentNullException.ThrowIfNull(rules);
        string Fee(Charge fee) => fee.Kind switch
        {
            ChargeKind.None => "nothing",
            ChargeKind.Percent => fee.Describe(format, currency).Replace("the price", "the service's price", StringComparison.Ordinal),
            _ => fee.Describe(format, currency),
        };
        return new Dictionary<string, string>
        {
            ["{cancellation_cutoff}"] = cancellationCutoffHours == 1 ? "1 hour" : $"{cancellationCutoffHours} hours",
            ["{cancellation_fee}"] = Fee(rules.CancellationFee),
            ["{no_show_fee}"] = Fee(rules.NoShowFee),
        };
    }

    [GeneratedRegex(@"\{[a-z_]+\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

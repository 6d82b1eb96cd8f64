using System.Globalization;

namespace MicroSpa.StripeStandIn;

/// <summary>
/// A Stripe request's parameters: form-encoded with brackets for nesting (<c>line_items[0][price_data][unit_amount]</c>),
/// read by their full names; GET requests carry theirs in the query string.
/// </summary>
public sealed class FormParams(IReadOnlyDictionary<string, string> values)
{
    public static async Task<FormParams> ReadAsync(HttpRequest request)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            values[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                values[key] = value.ToString();
            }
        }

        return new FormParams(values);
    }

    public string? this[string name] => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Whether the parameter was sent at all, even empty (<c>pause_collection=</c> unsets a field, as Stripe takes it).</summary>
    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The request as one canonical string, to tell an idempotency key reused with other parameters.</summary>
    public string Fingerprint => string.Join('&', values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));

    public long? Long(string name) =>
        this[name] is { } text ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new StripeError(
            400, "invalid_request_error", $"Invalid integer: {text}", param: name) : null;

    public bool Bool(string name) => this[name] is "true";

    /// <summary>Everything under <c>prefix[…]</c> one level down, e.g. metadata[booking] → booking.</summary>
    public IReadOnlyDictionary<string, string> Children(string prefix)
    {
        var start = prefix + "[";
        return values.Where(v => v.Key.StartsWith(start, StringComparison.Ordinal) && v.Key.EndsWith(']') && v.Key.IndexOf('[', start.Length) < 0)
            .ToDictionary(v => v.Key[start.Length..^1], v => v.Value, StringComparer.Ordinal);
    }

    public IEnumerable<string> List(string name)
    {
        foreach (var (key, value) in values)
        {
            if (key == name + "[]" || (key.StartsWith(name + "[", StringComparison.Ordinal) && key.EndsWith(']') && int.TryParse(key.AsSpan(name.Length + 1, key.Length - name.Length - 2), out _)))
            {
                yield return value;
            }
        }
    }
}

/// <summary>An error answered in Stripe's shape: <c>{"error": {"type", "code", "message", "param", ...}}</c> with its status.</summary>
public sealed class StripeError(int status, string type, string message, string? code = null, string? param = null, string? declineCode = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Type { get; } = type;
    public string? Code { get; } = code;
    public string? Param { get; } = param;
    public string? DeclineCode { get; } = declineCode;

    /// <summary>The payment intent a card error is about, as Stripe includes it.</summary>
    public System.Text.Json.Nodes.JsonObject? PaymentIntent { get; init; }

    public System.Text.Json.Nodes.JsonObject ToJson()
    {
        var error = new System.Text.Json.Nodes.JsonObject { ["type"] = Type, ["message"] = Message };
        if (Code is not null)
        {
            error["code"] = Code;
        }

        if (Param is not null)
        {
            error["param"] = Param;
        }

        if (DeclineCode is not null)
        {
            error["decline_code"] = DeclineCode;
        }

        if (PaymentIntent is not null)
        {
            error["payment_intent"] = PaymentIntent.DeepClone();
        }

        return new System.Text.Json.Nodes.JsonObject { ["error"] = error };
    }
}

namespace MicroSpa.StripeStandIn;

/// <summary>What a card does, as Stripe's test cards behave (docs.stripe.com/testing).</summary>
public enum CardBehaviour
{
    /// <summary>4242 4242 4242 4242 (and any other number that passes the Luhn check): pays.</summary>
    Pays,

    /// <summary>4000 0000 0000 0002: declined (generic_decline).</summary>
    Declines,

    /// <summary>4000 0025 0000 3155: asks for authentication (3D Secure) on the hosted page; then pays, or fails if refused.</summary>
    AsksForAuthentication,

    /// <summary>4000 0000 0000 0341: attaches to a customer, but every charge of it is declined.</summary>
    AttachesThenDeclines,
}

public sealed record TestCard(string Number, CardBehaviour Behaviour, string Brand)
{
    public string Last4 => Number[^4..];

    /// <summary>The card behind a number typed on the hosted page (spaces ignored); null when it is not a card number.</summary>
    public static TestCard? From(string? typed)
    {
        var number = new string((typed ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (number.Length is < 13 or > 19 || !PassesLuhn(number))
        {
            return null;
        }

        var behaviour = number switch
        {
            "4000000000000002" => CardBehaviour.Declines,
            "4000002500003155" or "4000002760003184" => CardBehaviour.AsksForAuthentication,
            "4000000000000341" => CardBehaviour.AttachesThenDeclines,
            _ => CardBehaviour.Pays,
        };
        var brand = number[0] switch
        {
            '4' => "visa",
            '5' or '2' => "mastercard",
            '3' => "amex",
            _ => "unknown",
        };
        return new TestCard(number, behaviour, brand);
    }

    /// <summary>
    /// The card behind one of Stripe's test payment method tokens (pm_card_visa, pm_card_chargeDeclined,
    /// pm_card_authenticationRequired, pm_card_chargeCustomerFail: attaches, then every charge is declined), null for any other id.
    /// </summary>
    public static TestCard? FromToken(string? id) => id switch
    {
        "pm_card_visa" => From("4242424242424242"),
        "pm_card_chargeDeclined" => From("4000000000000002"),
        "pm_card_authenticationRequired" => From("4000002760003184"),
        "pm_card_chargeCustomerFail" => From("4000000000000341"),
        _ => null,
    };

    private static bool PassesLuhn(string number)
    {
        var sum = 0;
        for (var i = 0; i < number.Length; i++)
        {
            var digit = number[number.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }
}

namespace MicroSpa.Domain.Wallet;

/// <summary>
/// A gift card bought online (decision 048): who buys it for whom, the message, the day the recipient is emailed. The sale's
/// invoice and the card exist only once Stripe's signed webhook says the page was paid (<see cref="Paid"/>); its code is then kept sealed (Data Protection, never in clear) until the
/// delivery round emails it on <see cref="SendOn"/> and erases it (<see cref="Delivered"/>).
/// </summary>
public sealed class GiftCardOrder
{
    public const int MessageLength = 300;
    public const int SealedCodeLength = 1000;
    public const int SessionIdLength = 255;

    /// <summary>How far ahead a buyer may choose the send date.</summary>
    public const int LatestSendDays = 366;

    private GiftCardOrder()
    {
        BuyerName = BuyerEmail = RecipientName = RecipientEmail = Currency = string.Empty;
    }

    private GiftCardOrder(
        decimal amount, string currency, string buyerName, string buyerEmail, string recipientName, string recipientEmail,
        string? message, DateOnly sendOn, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        Amount = amount;
        Currency = currency;
        BuyerName = buyerName;
        BuyerEmail = buyerEmail;
        RecipientName = recipientName;
        RecipientEmail = recipientEmail;
        Message = message;
        SendOn = sendOn;
        CreatedAt = now.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    /// <summary>The invoice that sold the card, made when the payment was confirmed (its client, when the buyer was signed in, names the buyer).</summary>
    public Guid? InvoiceId { get; private set; }

    public decimal Amount { get; private set; }
    public string Currency { get; private set; }
    public string BuyerName { get; private set; }
    public string BuyerEmail { get; private set; }
    public string RecipientName { get; private set; }
    public string RecipientEmail { get; private set; }
    public string? Message { get; private set; }

    /// <summary>The clinic day the recipient is emailed the code.</summary>
    public DateOnly SendOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Stripe's Checkout Session (cs_…) paying for it.</summary>
    public string? CheckoutSessionId { get; private set; }

    /// <summary>The card issued when the payment was confirmed; null until then.</summary>
    public Guid? GiftCardId { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    /// <summary>The card's code sealed with Data Protection between the payment and the email; null before and after.</summary>
    public string? SealedCode { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>
    /// A new order: the recipient emailed on <paramref name="sendOn"/>, from <paramref name="today"/> to a year ahead; the names,
    /// addresses and message already trimmed and within their lengths (the form's validator says which is wrong).
    /// </summary>
    public static GiftCardOrder Place(
        decimal amount, string currency, string buyerName, string buyerEmail, string recipientName, string recipientEmail,
        string? message, DateOnly sendOn, DateOnly today, DateTimeOffset now)
    {
        if (sendOn < today || sendOn > today.AddDays(LatestSendDays))
        {
            throw new DomainException("Choose a send date from today to a year from now.", nameof(SendOn));
        }

        if (amount <= 0m || Billing.Money.Round(amount) != amount)
        {
            throw new DomainException("Enter the gift card's value in whole cents.", nameof(Amount));
        }

        if (message?.Length > MessageLength)
        {
            throw new DomainException($"A message can be at most {MessageLength} characters.", nameof(Message));
        }

        Require(buyerName, FieldLengths.PersonName, nameof(BuyerName));
        Require(recipientName, FieldLengths.PersonName, nameof(RecipientName));
        Require(buyerEmail, FieldLengths.Email, nameof(BuyerEmail));
        Require(recipientEmail, FieldLengths.Email, nameof(RecipientEmail));
        return new GiftCardOrder(amount, currency, buyerName, buyerEmail, recipientName, recipientEmail,
            string.IsNullOrWhiteSpace(message) ? null : message, sendOn, now);
    }

    public void OpenedAt(string checkoutSessionId)
    {
        if (string.IsNullOrEmpty(checkoutSessionId) || checkoutSessionId.Length > SessionIdLength)
        {
            throw new DomainException("The payment page's id is missing or too long.");
        }

        CheckoutSessionId = checkoutSessionId;
    }

    /// <summary>The payment is confirmed and the card issued: its code is kept sealed until it is emailed.</summary>
    public void Paid(Guid invoiceId, Guid giftCardId, string sealedCode, DateTimeOffset now)
    {
        if (GiftCardId is not null)
        {
            throw new InvalidOperationException("This order's card was issued already.");
        }

        ArgumentException.ThrowIfNullOrEmpty(sealedCode);
        InvoiceId = invoiceId;
        GiftCardId = giftCardId;
        SealedCode = sealedCode;
        PaidAt = now.ToUniversalTime();
    }

    /// <summary>The recipient's email is queued: the sealed code is erased, nobody can send or read it again.</summary>
    public void Delivered(DateTimeOffset now)
    {
        if (SealedCode is null || SentAt is not null)
        {
            throw new InvalidOperationException("This order's card was sent already, or is not paid.");
        }

        SealedCode = null;
        SentAt = now.ToUniversalTime();
    }

    private static void Require(string value, int length, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > length)
        {
            throw new DomainException($"Enter at most {length} characters.", field);
        }
    }
}

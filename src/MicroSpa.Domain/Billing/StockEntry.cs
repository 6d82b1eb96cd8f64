namespace MicroSpa.Domain.Billing;

public enum StockEntryKind
{
    Received,
    Counted,
    WrittenOff,
    Sold,
    Returned,
}

/// <summary>
/// One change to a retail item's stock, with who and why. Insert-only (PostgreSQL refuses updates and
/// deletes): stock on hand is the sum of <see cref="QuantityChange"/> over an item's entries. A count
/// records the number found and the difference it makes to what the entries said.
/// </summary>
public sealed class StockEntry
{
    public const int MaxQuantity = 10_000;
    public const int ReasonLength = 200;

    private StockEntry()
    {
    }

    public Guid Id { get; private set; }
    public Guid RetailItemId { get; private set; }
    public StockEntryKind Kind { get; private set; }

    /// <summary>Plus for what came in, minus for what went out.</summary>
    public int QuantityChange { get; private set; }

    /// <summary>For a count: how many were found.</summary>
    public int? CountedQuantity { get; private set; }

    /// <summary>For a sale or a return: the invoice.</summary>
    public Guid? InvoiceId { get; private set; }

    public Guid ByUserId { get; private set; }
    public string? Reason { get; private set; }
    public DateTimeOffset At { get; private set; }

    public static StockEntry Received(RetailItem item, int quantity, Guid byUserId, string? reason, DateTimeOffset at) =>
        New(item, StockEntryKind.Received, RequireQuantity(quantity), null, null, byUserId, Optional(reason), at);

    /// <summary>The shelf was counted: the entry makes the sum of entries equal to what was found.</summary>
    public static StockEntry Counted(RetailItem item, int counted, int onHandBefore, Guid byUserId, string? reason, DateTimeOffset at)
    {
        if (counted is < 0 or > MaxQuantity)
        {
            throw new DomainException($"The count is 0 to {MaxQuantity}.", nameof(CountedQuantity));
        }

        return New(item, StockEntryKind.Counted, counted - onHandBefore, counted, null, byUserId, Optional(reason), at);
    }

    public static StockEntry WrittenOff(RetailItem item, int quantity, Guid byUserId, string reason, DateTimeOffset at) =>
        New(item, StockEntryKind.WrittenOff, -RequireQuantity(quantity), null, null, byUserId, Required(reason), at);

    /// <summary>A sale may take stock below zero (the bottle is in the client's hand; the count was wrong): it then shows as low.</summary>
    public static StockEntry Sold(Guid retailItemId, int quantity, Guid invoiceId, Guid byUserId, DateTimeOffset at) =>
        New(retailItemId, StockEntryKind.Sold, -RequireQuantity(quantity), null, invoiceId, byUserId, null, at);

    public static StockEntry Returned(Guid retailItemId, int quantity, Guid invoiceId, Guid byUserId, string reason, DateTimeOffset at) =>
        New(retailItemId, StockEntryKind.Returned, RequireQuantity(quantity), null, invoiceId, byUserId, Required(reason), at);

    private static StockEntry New(RetailItem item, StockEntryKind kind, int change, int? counted, Guid? invoiceId, Guid byUserId, string? reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.Active)
        {
            throw new DomainException($"{item.Name} is retired: reinstate it before changing its stock.", nameof(RetailItemId));
        }

        return New(item.Id, kind, change, counted, invoiceId, byUserId, reason, at);
    }

    private static StockEntry New(Guid itemId, StockEntryKind kind, int change, int? counted, Guid? invoiceId, Guid byUserId, string? reason, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        RetailItemId = itemId,
        Kind = kind,
        QuantityChange = change,
        CountedQuantity = counted,
        InvoiceId = invoiceId,
        ByUserId = byUserId,
        Reason = reason,
        At = at.ToUniversalTime(),
    };

    private static int RequireQuantity(int quantity) => quantity is < 1 or > MaxQuantity
        ? throw new DomainException($"The quantity is 1 to {MaxQuantity}.", nameof(QuantityChange))
        : quantity;

    private static string Required(string? reason) =>
        Optional(reason) ?? throw new DomainException("Say why.", nameof(Reason));

    private static string? Optional(string? reason)
    {
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return trimmed is { Length: > ReasonLength }
            ? throw new DomainException($"The reason has at most {ReasonLength} characters.", nameof(Reason))
            : trimmed;
    }
}

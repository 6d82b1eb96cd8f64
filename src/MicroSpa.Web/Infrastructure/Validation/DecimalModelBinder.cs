using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace MicroSpa.Web.Infrastructure.Validation;

/// <summary>
/// How every decimal typed into the app is read, whatever the server's or the phone's culture: one point
/// or one comma separates the decimals ("0.2" and "0,2" are both 0.2). Anything that could mean two numbers
/// ("1,234.5", "1.234,5", "1,250") is refused with a message, never read as a different number.
/// </summary>
public static partial class DecimalInput
{
    public const string NotANumberMessage = "Enter a number, such as 0.5 or 0,5.";
    public const string TwoSeparatorsMessage = "Use one point or one comma, for the decimals only (no thousands separators): 1234.5 or 1234,5.";
    public const string TooLongMessage = "That number is too long.";

    public static string AmbiguousMessage(string text) =>
        $"“{text}” could be read two ways. Write whole numbers without a thousands separator (1250) and decimals with at most two digits or a leading 0 (1.25, 0.125).";

    /// <summary>
    /// Reads a decimal as typed; on failure <paramref name="problem"/> says why, in words for the person typing. With
    /// <paramref name="percent"/> the field is a percentage (never 1,000 or more), so "8,875" or "8.875" can only be
    /// 8.875: three digits after the separator are decimals, not thousands (a New York tax rate is 8.875 %).
    /// </summary>
    public static bool TryParse(string? text, out decimal value, out string? problem, bool percent = false)
    {
        value = 0m;
        problem = null;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length > 30)
        {
            problem = TooLongMessage;
            return false;
        }

        var match = Shape().Match(trimmed);
        if (!match.Success || (match.Groups["whole"].Length == 0 && match.Groups["fraction"].Length == 0))
        {
            problem = trimmed.Count(c => c is '.' or ',') > 1 && Digits().IsMatch(trimmed) ? TwoSeparatorsMessage : NotANumberMessage;
            return false;
        }

        var whole = match.Groups["whole"].Value;
        var fraction = match.Groups["fraction"].Value;

        // "1,250" is 1.25 to a European and 1250 to an American: a separator followed by exactly three digits
        // after a whole part other than zero is refused, never guessed.
        if (!percent && match.Groups["separator"].Success && fraction.Length == 3 && whole.TrimStart('0').Length > 0)
        {
            problem = AmbiguousMessage(trimmed);
            return false;
        }

        var invariant = $"{match.Groups["sign"].Value}{(whole.Length == 0 ? "0" : whole)}{(fraction.Length == 0 ? string.Empty : "." + fraction)}";
        if (!decimal.TryParse(invariant, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            problem = TooLongMessage;
            return false;
        }

        return true;
    }

    [GeneratedRegex(@"^(?<sign>[+-]?)(?<whole>[0-9]*)(?:(?<separator>[.,])(?<fraction>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^[+-]?[0-9.,]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}

/// <summary>Marks a decimal property as a percentage: read with <see cref="DecimalInput.TryParse"/>'s percent rule.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PercentAttribute : Attribute;

/// <summary>Binds decimal and decimal? from forms, query strings and routes with <see cref="DecimalInput"/>.</summary>
public sealed class DecimalModelBinder(bool percent = false) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var text = result.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, DecimalInput.NotANumberMessage);
            }

            return Task.CompletedTask;
        }

        if (DecimalInput.TryParse(text, out var value, out var problem, percent))
        {
            bindingContext.Result = ModelBindingResult.Success(value);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, problem!);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Registered first among the model binder providers, so no decimal in the app is read by the culture's rules.</summary>
public sealed class DecimalModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Metadata.UnderlyingOrModelType != typeof(decimal))
        {
            return null;
        }

        var percent = context.Metadata is DefaultModelMetadata metadata && metadata.Attributes.PropertyAttributes?.OfType<PercentAttribute>().Any() == true;
        return new DecimalModelBinder(percent);
    }
}

/// <summary>What a person reads when a value cannot be read at all: plain words, never a property name such as DepthMm.</summary>
public static class BindingMessages
{
    public const string Unreadable = "Check this entry: it is not in a form this field takes.";
    public const string Missing = "Fill in this field.";

    public static void Configure(DefaultModelBindingMessageProvider messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        messages.SetAttemptedValueIsInvalidAccessor((_, _) => Unreadable);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => Unreadable);
        messages.SetUnknownValueIsInvalidAccessor(_ => Unreadable);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => Unreadable);
        messages.SetValueIsInvalidAccessor(_ => Unreadable);
        messages.SetValueMustBeANumberAccessor(_ => DecimalInput.NotANumberMessage);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => DecimalInput.NotANumberMessage);
        messages.SetValueMustNotBeNullAccessor(_ => Missing);
        messages.SetMissingBindRequiredValueAccessor(_ => Missing);
        messages.SetMissingKeyOrValueAccessor(() => Missing);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => Missing);
    }
}

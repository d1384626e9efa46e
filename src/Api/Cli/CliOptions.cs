using System.CommandLine;
using System.Globalization;

namespace RiverGis.Api.Cli;

/// <summary>Option shapes the verbs share: enum codes (`--replace all`, `--role admin`), bounded numbers.</summary>
public static class CliOptions
{
    /// <summary>A number option with a lower bound, parsed in the invariant culture.</summary>
    public static Option<double> AtLeast(string name, string description, double defaultValue, double minimum)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() < minimum)
                result.AddError($"{name} must be at least {minimum.ToString(CultureInfo.InvariantCulture)}");
        });
        return option;
    }
}

/// <summary>An enum option spelled with its wire codes (`--replace all`, `--role admin`); help lists them, anything else is a parse error.</summary>
public sealed class CodeOption<T> : Option<string> where T : struct, Enum
{
    private readonly Dictionary<string, T> _byCode;

    public CodeOption(string name, string description, T defaultValue, Func<T, string> code) : base(name)
    {
        _byCode = Enum.GetValues<T>().ToDictionary(code, StringComparer.Ordinal);
        Description = description;
        HelpName = string.Join("|", _byCode.Keys);
        DefaultValueFactory = _ => code(defaultValue);
        AcceptOnlyFromAmong([.. _byCode.Keys]);
    }

    public T ValueIn(ParseResult result) => _byCode[result.GetValue(this)!];
}

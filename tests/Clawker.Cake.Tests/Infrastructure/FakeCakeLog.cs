using System.Globalization;

namespace Clawker.Cake.Tests.Infrastructure;

/// <summary>Records what aliases log, by level.</summary>
internal sealed class FakeCakeLog : ICakeLog
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public Verbosity Verbosity { get; set; } = Verbosity.Diagnostic;

    public IEnumerable<string> At(LogLevel level) => Entries.Where(e => e.Level == level).Select(e => e.Message);

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args) =>
        Entries.Add((level, args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args)));
}

using System.Reflection;
using System.Xml.Linq;
using Clawker.MSBuild.Tasks;
using Clawker.Tests.Infrastructure;

namespace Clawker.MSBuild.Tests.Targets;

/// <summary>
/// The targets hand every task all of its settings: a task parameter the targets never set is a
/// Clawker* property that silently does nothing on that target (ClawkerDockerCertPath on the push
/// and the credentials check once did).
/// </summary>
public sealed class TaskParametersTests
{
    [Fact]
    public void Every_public_parameter_of_every_clawker_task_is_set_by_the_targets()
    {
        var targets = XDocument.Load(Path.Combine(RepoRoot.Path, "src", "Clawker.MSBuild", "build", "Clawker.MSBuild.targets"));
        var taskTypes = typeof(ClawkerTask).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsPublic: true } && t.IsSubclassOf(typeof(ClawkerTask)))
            .ToList();
        taskTypes.ShouldNotBeEmpty();

        var missing = new List<string>();
        foreach (var type in taskTypes)
        {
            var uses = targets.Descendants().Where(e => e.Name.LocalName == type.Name).ToList();
            uses.ShouldNotBeEmpty($"{type.Name} is never run by the targets");
            var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } && p.DeclaringType != typeof(Microsoft.Build.Utilities.Task)
                    && p.DeclaringType!.Assembly == type.Assembly)
                .Select(p => p.Name);
            missing.AddRange(from use in uses
                             from name in parameters
                             where use.Attribute(name) is null
                             select $"{type.Name}.{name}");
        }

        missing.ShouldBeEmpty();
    }
}

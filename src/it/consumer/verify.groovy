// The library's published pom converged for a consumer that enforces it, and the consumer printed
// the orders Prism returned and found no command-line library.
def log = new File(basedir, 'build.log').text
assert log.contains('DependencyConvergence passed')
assert log.contains('RequireUpperBoundDeps passed')
assert log.contains('consumer IT: cart ')
assert log.contains('consumer IT: order ')
assert log.contains('consumer IT: picocli.CommandLine is not on the classpath')
assert log.contains('consumer IT: org.slf4j.simple.SimpleLogger is not on the classpath')
true

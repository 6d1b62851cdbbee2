// The user's tests ran against the fake, with a throttled checkout, and found the spec in the jar.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('testing-consumer IT: checkout answered 429 then 201')
assert log.contains('testing-consumer IT: spec at jar:')
assert !log.contains('prism')
true

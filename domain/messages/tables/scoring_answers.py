"""Messages of profile files checked against their declaration, and of a row's direction decided or asked."""

ZH = {
    "problem.above": "应大于 {limit}",
    "problem.pair": "应为两个数字组成的列表，如 [0.6, 0.8]",
}

EN = {
    "problem.above": "should be above {limit}",
    "problem.pair": "should be a list of two numbers, such as [0.6, 0.8]",
}

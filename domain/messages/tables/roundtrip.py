"""Messages of the official form's export notes, the walk's tallies and the assistant's keyboard fixes."""

ZH: dict[str, str] = {
    "export.rate_rounded": "注：执行率 {rate} 先四舍五入到 {used} 再计分，预算执行率得分 = {weight} × {factor} = {score}",
}

EN: dict[str, str] = {
    "export.rate_rounded": "Note: the execution rate {rate} is rounded to {used} before scoring; budget score = {weight} × {factor} = {score}",
}

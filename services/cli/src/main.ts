console.log("ok", import.meta.url)

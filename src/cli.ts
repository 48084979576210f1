console.log('shardlab');

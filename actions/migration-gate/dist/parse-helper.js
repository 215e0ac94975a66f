/******/ (() => { // webpackBootstrap
/******/ 	var __webpack_modules__ = ({

/***/ 115:
/***/ ((__unused_webpack_module, exports) => {

"use strict";

Object.defineProperty(exports, "__esModule", ({ value: true }));


/***/ }),

/***/ 461:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {

"use strict";

var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
__exportStar(__nccwpck_require__(124), exports);
__exportStar(__nccwpck_require__(115), exports);


/***/ }),

/***/ 124:
/***/ ((__unused_webpack_module, exports) => {

"use strict";

Object.defineProperty(exports, "__esModule", ({ value: true }));


/***/ }),

/***/ 995:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var PgQueryModule=(()=>{var _scriptName=globalThis.document?.currentScript?.src;return async function(moduleArg={}){var Module=moduleArg;var ENVIRONMENT_IS_WEB=!!globalThis.window;var ENVIRONMENT_IS_WORKER=!!globalThis.WorkerGlobalScope;var ENVIRONMENT_IS_NODE=globalThis.process?.versions?.node&&globalThis.process?.type!="renderer";var programArgs=[];var thisProgram="./this.program";var quit_=(status,toThrow)=>{throw toThrow};if(typeof __filename!="undefined"){_scriptName=__filename}else if(ENVIRONMENT_IS_WORKER){_scriptName=self.location.href}var scriptDirectory="";function locateFile(path){if(Module["locateFile"]){return Module["locateFile"](path,scriptDirectory)}return scriptDirectory+path}var readAsync,readBinary;if(ENVIRONMENT_IS_NODE){var fs=__nccwpck_require__(24);scriptDirectory=__dirname+"/";readBinary=filename=>{filename=isFileURI(filename)?new URL(filename):filename;var ret=fs.readFileSync(filename);return ret};readAsync=async(filename,binary=true)=>{filename=isFileURI(filename)?new URL(filename):filename;var ret=fs.readFileSync(filename,binary?undefined:"utf8");return ret};if(process.argv.length>1){thisProgram=process.argv[1].replace(/\\/g,"/")}programArgs=process.argv.slice(2);quit_=(status,toThrow)=>{process.exitCode=status;throw toThrow}}else if(ENVIRONMENT_IS_WEB||ENVIRONMENT_IS_WORKER){try{scriptDirectory=new URL(".",_scriptName).href}catch{}{if(ENVIRONMENT_IS_WORKER){readBinary=url=>{var xhr=new XMLHttpRequest;xhr.open("GET",url,false);xhr.responseType="arraybuffer";xhr.send(null);return new Uint8Array(xhr.response)}}readAsync=async url=>{var response=await fetch(url,{credentials:"same-origin"});if(response.ok){return response.arrayBuffer()}throw new Error(response.status+" : "+response.url)}}}else{}var out=console.log.bind(console);var err=console.error.bind(console);var wasmBinary;var ABORT=false;var EXITSTATUS;var isFileURI=filename=>filename.startsWith("file://");class EmscriptenEH{}class EmscriptenSjLj extends EmscriptenEH{}var runtimeInitialized=false;function getMemoryBuffer(){return wasmMemory.buffer}function updateMemoryViews(){if(HEAP8?.buffer?.resizable)return;var b=getMemoryBuffer();HEAP8=new Int8Array(b);HEAP16=new Int16Array(b);Module["HEAPU8"]=HEAPU8=new Uint8Array(b);HEAPU16=new Uint16Array(b);HEAP32=new Int32Array(b);Module["HEAPU32"]=HEAPU32=new Uint32Array(b);HEAPF32=new Float32Array(b);HEAPF64=new Float64Array(b);HEAP64=new BigInt64Array(b);HEAPU64=new BigUint64Array(b)}function preRun(){var preRun=Module["preRun"];if(preRun){if(typeof preRun=="function")preRun=[preRun];onPreRuns.push(...preRun)}callRuntimeCallbacks(onPreRuns)}function initRuntime(){runtimeInitialized=true;if(!Module["noFSInit"]&&!FS.initialized)FS.init();TTY.init();wasmExports["A"]();FS.ignorePermissions=false}function postRun(){var postRun=Module["postRun"];if(postRun){if(typeof postRun=="function")postRun=[postRun];onPostRuns.push(...postRun)}callRuntimeCallbacks(onPostRuns)}function abort(what){Module["onAbort"]?.(what);what=`Aborted(${what})`;err(what);ABORT=true;what+=". Build with -sASSERTIONS for more info.";var e=new WebAssembly.RuntimeError(what);throw e}var wasmBinaryFile;function findWasmBinary(){return locateFile("libpg-query.wasm")}function getBinarySync(file){if(readBinary){return readBinary(file)}throw"both async and sync fetching of the wasm failed"}async function getWasmBinary(binaryFile){if(!wasmBinary){try{var response=await readAsync(binaryFile);return new Uint8Array(response)}catch{}}return getBinarySync(binaryFile)}async function instantiateArrayBuffer(binaryFile,imports){try{var binary=await getWasmBinary(binaryFile);var instance=await WebAssembly.instantiate(binary,imports);return instance}catch(reason){err(`failed to asynchronously prepare wasm: ${reason}`);abort(reason)}}async function instantiateAsync(binary,binaryFile,imports){if(!binary&&!ENVIRONMENT_IS_NODE){try{var response=fetch(binaryFile,{credentials:"same-origin"});var instantiationResult=await WebAssembly.instantiateStreaming(response,imports);return instantiationResult}catch(reason){err(`wasm streaming compile failed: ${reason}`);err("falling back to ArrayBuffer instantiation")}}return instantiateArrayBuffer(binaryFile,imports)}function getWasmImports(){var imports={a:wasmImports};return imports}async function createWasm(){function receiveInstance(instance){wasmExports=instance.exports;assignWasmExports(wasmExports);updateMemoryViews();return wasmExports}function receiveInstantiationResult(result){return receiveInstance(result["instance"])}var info=getWasmImports();var instantiateWasm=Module["instantiateWasm"];if(instantiateWasm){return new Promise(resolve=>{instantiateWasm(info,inst=>resolve(receiveInstance(inst)))})}wasmBinaryFile??=findWasmBinary();var result=await instantiateAsync(wasmBinary,wasmBinaryFile,info);var exports=receiveInstantiationResult(result);return exports}class ExitStatus{name="ExitStatus";constructor(status){this.message=`Program terminated with exit(${status})`;this.status=status}}var HEAP16;var HEAP32;var HEAP64;var HEAP8;var HEAPF32;var HEAPF64;var HEAPU16;var HEAPU32;var HEAPU64;var HEAPU8;var callRuntimeCallbacks=callbacks=>{while(callbacks.length>0){callbacks.shift()(Module)}};var onPostRuns=[];var onPreRuns=[];function getValue(ptr,type="i8"){if(type.endsWith("*"))type="*";switch(type){case"i1":return HEAP8[ptr];case"i8":return HEAP8[ptr];case"i16":return HEAP16[ptr>>1];case"i32":return HEAP32[ptr>>2];case"i64":return HEAP64[ptr>>3];case"float":return HEAPF32[ptr>>2];case"double":return HEAPF64[ptr>>3];case"*":return HEAPU32[ptr>>2];default:abort(`invalid type for getValue: ${type}`)}}var noExitRuntime=true;var stackRestore=val=>__emscripten_stack_restore(val);var stackSave=()=>_emscripten_stack_get_current();var UTF8Decoder=globalThis.TextDecoder&&new TextDecoder;var findStringEnd=(heapOrArray,idx,maxBytesToRead,ignoreNul)=>{var maxIdx=idx+maxBytesToRead;if(ignoreNul)return maxIdx;while(heapOrArray[idx]&&!(idx>=maxIdx))++idx;return idx};var UTF8ArrayToString=(heapOrArray,idx=0,maxBytesToRead,ignoreNul)=>{var endPtr=findStringEnd(heapOrArray,idx,maxBytesToRead,ignoreNul);if(endPtr-idx>16&&heapOrArray.buffer&&UTF8Decoder){return UTF8Decoder.decode(heapOrArray.subarray(idx,endPtr))}var str="";while(idx<endPtr){var u0=heapOrArray[idx++];if(!(u0&128)){str+=String.fromCharCode(u0);continue}var u1=heapOrArray[idx++]&63;if((u0&224)==192){str+=String.fromCharCode((u0&31)<<6|u1);continue}var u2=heapOrArray[idx++]&63;if((u0&240)==224){u0=(u0&15)<<12|u1<<6|u2}else{u0=(u0&7)<<18|u1<<12|u2<<6|heapOrArray[idx++]&63}if(u0<65536){str+=String.fromCharCode(u0)}else{var ch=u0-65536;str+=String.fromCharCode(55296|ch>>10,56320|ch&1023)}}return str};var UTF8ToString=(ptr,maxBytesToRead,ignoreNul)=>ptr?UTF8ArrayToString(HEAPU8,ptr,maxBytesToRead,ignoreNul):"";var ___assert_fail=(condition,filename,line,func)=>abort(`Assertion failed: ${UTF8ToString(condition)}, at: `+[filename?UTF8ToString(filename):"unknown filename",line,func?UTF8ToString(func):"unknown function"]);var __abort_js=()=>abort("");var runtimeKeepaliveCounter=0;var __emscripten_runtime_keepalive_clear=()=>{noExitRuntime=false;runtimeKeepaliveCounter=0};var __emscripten_throw_longjmp=()=>{throw new EmscriptenSjLj};var timers={};var handleException=e=>{if(e instanceof ExitStatus||e=="unwind"){return EXITSTATUS}quit_(1,e)};var keepRuntimeAlive=()=>noExitRuntime||runtimeKeepaliveCounter>0;var _proc_exit=code=>{EXITSTATUS=code;if(!keepRuntimeAlive()){Module["onExit"]?.(code);ABORT=true}quit_(code,new ExitStatus(code))};var exitJS=(status,implicit)=>{EXITSTATUS=status;_proc_exit(status)};var _exit=exitJS;var maybeExit=()=>{if(!keepRuntimeAlive()){try{_exit(EXITSTATUS)}catch(e){handleException(e)}}};var callUserCallback=func=>{if(ABORT){return}try{return func()}catch(e){handleException(e)}finally{maybeExit()}};var _emscripten_get_now=()=>performance.now();var __setitimer_js=(which,timeout_ms)=>{if(timers[which]){clearTimeout(timers[which].id);delete timers[which]}if(!timeout_ms)return 0;var id=setTimeout(()=>{delete timers[which];callUserCallback(()=>__emscripten_timeout(which,_emscripten_get_now()))},timeout_ms);timers[which]={id,timeout_ms};return 0};var getHeapMax=()=>1073741824;var alignMemory=(size,alignment)=>Math.ceil(size/alignment)*alignment;var growMemory=size=>{var oldHeapSize=wasmMemory.buffer.byteLength;var pages=(size-oldHeapSize+65535)/65536|0;try{wasmMemory.grow(pages);updateMemoryViews();return 1}catch(e){}};var _emscripten_resize_heap=requestedSize=>{var oldSize=HEAPU8.length;requestedSize>>>=0;var maxHeapSize=getHeapMax();if(requestedSize>maxHeapSize){return false}for(var cutDown=1;cutDown<=4;cutDown*=2){var overGrownHeapSize=oldSize*(1+.2/cutDown);overGrownHeapSize=Math.min(overGrownHeapSize,requestedSize+100663296);var newSize=Math.min(maxHeapSize,alignMemory(Math.max(requestedSize,overGrownHeapSize),65536));var replacement=growMemory(newSize);if(replacement){return true}}return false};var PATH={isAbs:path=>path.charAt(0)==="/",splitPath:filename=>{var splitPathRe=/^(\/?|)([\s\S]*?)((?:\.{1,2}|[^\/]+?|)(\.[^.\/]*|))(?:[\/]*)$/;return splitPathRe.exec(filename).slice(1)},normalizeArray:(parts,allowAboveRoot)=>{var up=0;for(var i=parts.length-1;i>=0;i--){var last=parts[i];if(last==="."){parts.splice(i,1)}else if(last===".."){parts.splice(i,1);up++}else if(up){parts.splice(i,1);up--}}if(allowAboveRoot){for(;up;up--){parts.unshift("..")}}return parts},normalize:path=>{var isAbsolute=PATH.isAbs(path),trailingSlash=path.slice(-1)==="/";path=PATH.normalizeArray(path.split("/").filter(p=>!!p),!isAbsolute).join("/");if(!path&&!isAbsolute){path="."}if(path&&trailingSlash){path+="/"}return(isAbsolute?"/":"")+path},dirname:path=>{var result=PATH.splitPath(path),root=result[0],dir=result[1];if(!root&&!dir){return"."}if(dir){dir=dir.slice(0,-1)}return root+dir},basename:path=>path&&path.match(/([^\/]+|\/)\/*$/)[1],join:(...paths)=>PATH.normalize(paths.join("/")),join2:(l,r)=>PATH.normalize(l+"/"+r)};var initRandomFill=()=>{if(ENVIRONMENT_IS_NODE){var nodeCrypto=__nccwpck_require__(598);return view=>(nodeCrypto.randomFillSync(view),0)}return view=>(crypto.getRandomValues(view),0)};var randomFill=view=>(randomFill=initRandomFill())(view);var PATH_FS={resolve:(...args)=>{var resolvedPath="",resolvedAbsolute=false;for(var i=args.length-1;i>=-1&&!resolvedAbsolute;i--){var path=i>=0?args[i]:FS.cwd();if(typeof path!="string"){throw new TypeError("Arguments to path.resolve must be strings")}else if(!path){return""}resolvedPath=path+"/"+resolvedPath;resolvedAbsolute=PATH.isAbs(path)}resolvedPath=PATH.normalizeArray(resolvedPath.split("/").filter(p=>!!p),!resolvedAbsolute).join("/");return(resolvedAbsolute?"/":"")+resolvedPath||"."},relative:(from,to)=>{from=PATH_FS.resolve(from).slice(1);to=PATH_FS.resolve(to).slice(1);function trim(arr){var start=0;for(;start<arr.length;start++){if(arr[start]!=="")break}var end=arr.length-1;for(;end>=0;end--){if(arr[end]!=="")break}if(start>end)return[];return arr.slice(start,end-start+1)}var fromParts=trim(from.split("/"));var toParts=trim(to.split("/"));var length=Math.min(fromParts.length,toParts.length);var samePartsLength=length;for(var i=0;i<length;i++){if(fromParts[i]!==toParts[i]){samePartsLength=i;break}}var outputParts=[];for(var i=samePartsLength;i<fromParts.length;i++){outputParts.push("..")}outputParts=outputParts.concat(toParts.slice(samePartsLength));return outputParts.join("/")}};var FS_stdin_getChar_buffer=[];var lengthBytesUTF8=str=>{var len=0;for(var i=0;i<str.length;++i){var c=str.charCodeAt(i);if(c<=127){len++}else if(c<=2047){len+=2}else if(c>=55296&&c<=57343){len+=4;++i}else{len+=3}}return len};var stringToUTF8Array=(str,heap,outIdx,maxBytesToWrite)=>{if(!(maxBytesToWrite>0))return 0;var startIdx=outIdx;var endIdx=outIdx+maxBytesToWrite-1;for(var i=0;i<str.length;++i){var u=str.codePointAt(i);if(u<=127){if(outIdx>=endIdx)break;heap[outIdx++]=u}else if(u<=2047){if(outIdx+1>=endIdx)break;heap[outIdx++]=192|u>>6;heap[outIdx++]=128|u&63}else if(u<=65535){if(outIdx+2>=endIdx)break;heap[outIdx++]=224|u>>12;heap[outIdx++]=128|u>>6&63;heap[outIdx++]=128|u&63}else{if(outIdx+3>=endIdx)break;heap[outIdx++]=240|u>>18;heap[outIdx++]=128|u>>12&63;heap[outIdx++]=128|u>>6&63;heap[outIdx++]=128|u&63;i++}}heap[outIdx]=0;return outIdx-startIdx};var intArrayFromString=(stringy,dontAddNull,length)=>{var len=length>0?length:lengthBytesUTF8(stringy)+1;var u8array=new Array(len);var numBytesWritten=stringToUTF8Array(stringy,u8array,0,u8array.length);if(dontAddNull)u8array.length=numBytesWritten;return u8array};var FS_stdin_getChar=()=>{if(!FS_stdin_getChar_buffer.length){var result=null;if(ENVIRONMENT_IS_NODE){var BUFSIZE=256;var buf=Buffer.alloc(BUFSIZE);var bytesRead=0;var fd=process.stdin.fd;try{bytesRead=fs.readSync(fd,buf,0,BUFSIZE)}catch(e){if(e.toString().includes("EOF"))bytesRead=0;else throw e}if(bytesRead>0){result=buf.slice(0,bytesRead).toString("utf-8")}}else if(globalThis.window?.prompt){result=window.prompt("Input: ");if(result!==null){result+="\n"}}else{}if(!result){return null}FS_stdin_getChar_buffer=intArrayFromString(result,true)}return FS_stdin_getChar_buffer.shift()};var TTY={ttys:[],init(){},shutdown(){},register(dev,ops){TTY.ttys[dev]={input:[],output:[],ops};FS.registerDevice(dev,TTY.stream_ops)},stream_ops:{open(stream){var tty=TTY.ttys[stream.node.rdev];if(!tty){throw new FS.ErrnoError(43)}stream.tty=tty;stream.seekable=false},close(stream){stream.tty.ops.fsync(stream.tty)},fsync(stream){stream.tty.ops.fsync(stream.tty)},read(stream,buffer,offset,length,pos){if(!stream.tty||!stream.tty.ops.get_char){throw new FS.ErrnoError(60)}var bytesRead=0;for(var i=0;i<length;i++){var result;try{result=stream.tty.ops.get_char(stream.tty)}catch(e){throw new FS.ErrnoError(29)}if(result===undefined&&bytesRead===0){throw new FS.ErrnoError(6)}if(result===null||result===undefined)break;bytesRead++;buffer[offset+i]=result}if(bytesRead){stream.node.atime=Date.now()}return bytesRead},write(stream,buffer,offset,length,pos){if(!stream.tty||!stream.tty.ops.put_char){throw new FS.ErrnoError(60)}try{for(var i=0;i<length;i++){stream.tty.ops.put_char(stream.tty,buffer[offset+i])}}catch(e){throw new FS.ErrnoError(29)}if(length){stream.node.mtime=stream.node.ctime=Date.now()}return i}},default_tty_ops:{get_char(tty){return FS_stdin_getChar()},put_char(tty,val){if(val===null||val===10){out(UTF8ArrayToString(tty.output));tty.output=[]}else{if(val!=0)tty.output.push(val)}},fsync(tty){if(tty.output?.length>0){out(UTF8ArrayToString(tty.output));tty.output=[]}},ioctl_tcgets(tty){return{c_iflag:25856,c_oflag:5,c_cflag:191,c_lflag:35387,c_cc:[3,28,127,21,4,0,1,0,17,19,26,0,18,15,23,22,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}},ioctl_tcsets(tty,optional_actions,data){return 0},ioctl_tiocgwinsz(tty){return[24,80]}},default_tty1_ops:{put_char(tty,val){if(val===null||val===10){err(UTF8ArrayToString(tty.output));tty.output=[]}else{if(val!=0)tty.output.push(val)}},fsync(tty){if(tty.output?.length>0){err(UTF8ArrayToString(tty.output));tty.output=[]}}}};var mmapAlloc=size=>{abort()};var MEMFS={ops_table:null,mount(mount){return MEMFS.createNode(null,"/",16895,0)},createNode(parent,name,mode,dev){if(FS.isBlkdev(mode)||FS.isFIFO(mode)){throw new FS.ErrnoError(63)}MEMFS.ops_table||={dir:{node:{getattr:MEMFS.node_ops.getattr,setattr:MEMFS.node_ops.setattr,lookup:MEMFS.node_ops.lookup,mknod:MEMFS.node_ops.mknod,rename:MEMFS.node_ops.rename,unlink:MEMFS.node_ops.unlink,rmdir:MEMFS.node_ops.rmdir,readdir:MEMFS.node_ops.readdir,symlink:MEMFS.node_ops.symlink},stream:{llseek:MEMFS.stream_ops.llseek}},file:{node:{getattr:MEMFS.node_ops.getattr,setattr:MEMFS.node_ops.setattr},stream:{llseek:MEMFS.stream_ops.llseek,read:MEMFS.stream_ops.read,write:MEMFS.stream_ops.write,mmap:MEMFS.stream_ops.mmap,msync:MEMFS.stream_ops.msync}},link:{node:{getattr:MEMFS.node_ops.getattr,setattr:MEMFS.node_ops.setattr,readlink:MEMFS.node_ops.readlink},stream:{}},chrdev:{node:{getattr:MEMFS.node_ops.getattr,setattr:MEMFS.node_ops.setattr},stream:FS.chrdev_stream_ops}};var node=FS.createNode(parent,name,mode,dev);if(FS.isDir(node.mode)){node.node_ops=MEMFS.ops_table.dir.node;node.stream_ops=MEMFS.ops_table.dir.stream;node.contents={}}else if(FS.isFile(node.mode)){node.node_ops=MEMFS.ops_table.file.node;node.stream_ops=MEMFS.ops_table.file.stream;node.usedBytes=0;node.contents=MEMFS.emptyFileContents??=new Uint8Array(0)}else if(FS.isLink(node.mode)){node.node_ops=MEMFS.ops_table.link.node;node.stream_ops=MEMFS.ops_table.link.stream}else if(FS.isChrdev(node.mode)){node.node_ops=MEMFS.ops_table.chrdev.node;node.stream_ops=MEMFS.ops_table.chrdev.stream}node.atime=node.mtime=node.ctime=Date.now();if(parent){parent.contents[name]=node;parent.atime=parent.mtime=parent.ctime=node.atime}return node},getFileDataAsTypedArray(node){return node.contents.subarray(0,node.usedBytes)},expandFileStorage(node,newCapacity){var prevCapacity=node.contents.length;if(prevCapacity>=newCapacity)return;var CAPACITY_DOUBLING_MAX=1024*1024;newCapacity=Math.max(newCapacity,prevCapacity*(prevCapacity<CAPACITY_DOUBLING_MAX?2:1.125)>>>0);if(prevCapacity)newCapacity=Math.max(newCapacity,256);var oldContents=MEMFS.getFileDataAsTypedArray(node);node.contents=new Uint8Array(newCapacity);node.contents.set(oldContents)},resizeFileStorage(node,newSize){if(node.usedBytes==newSize)return;var oldContents=node.contents;node.contents=new Uint8Array(newSize);node.contents.set(oldContents.subarray(0,Math.min(newSize,node.usedBytes)));node.usedBytes=newSize},node_ops:{getattr(node){var attr={};attr.dev=FS.isChrdev(node.mode)?node.id:1;attr.ino=node.id;attr.mode=node.mode;attr.nlink=1;attr.uid=0;attr.gid=0;attr.rdev=node.rdev;if(FS.isDir(node.mode)){attr.size=4096}else if(FS.isFile(node.mode)){attr.size=node.usedBytes}else if(FS.isLink(node.mode)){attr.size=node.link.length}else{attr.size=0}attr.atime=new Date(node.atime);attr.mtime=new Date(node.mtime);attr.ctime=new Date(node.ctime);attr.blksize=4096;attr.blocks=Math.ceil(attr.size/attr.blksize);return attr},setattr(node,attr){for(const key of["mode","atime","mtime","ctime"]){if(attr[key]!=null){node[key]=attr[key]}}if(attr.size!==undefined){MEMFS.resizeFileStorage(node,attr.size)}},lookup(parent,name){if(!MEMFS.doesNotExistError){MEMFS.doesNotExistError=new FS.ErrnoError(44);MEMFS.doesNotExistError.stack="<generic error, no stack>"}throw MEMFS.doesNotExistError},mknod(parent,name,mode,dev){return MEMFS.createNode(parent,name,mode,dev)},rename(old_node,new_dir,new_name){var new_node;try{new_node=FS.lookupNode(new_dir,new_name)}catch(e){}if(new_node){if(FS.isDir(old_node.mode)){for(var i in new_node.contents){throw new FS.ErrnoError(55)}}FS.hashRemoveNode(new_node)}delete old_node.parent.contents[old_node.name];new_dir.contents[new_name]=old_node;old_node.name=new_name;new_dir.ctime=new_dir.mtime=old_node.parent.ctime=old_node.parent.mtime=Date.now()},unlink(parent,name){delete parent.contents[name];parent.ctime=parent.mtime=Date.now()},rmdir(parent,name){var node=FS.lookupNode(parent,name);for(var i in node.contents){throw new FS.ErrnoError(55)}delete parent.contents[name];parent.ctime=parent.mtime=Date.now()},readdir(node){return[".","..",...Object.keys(node.contents)]},symlink(parent,newname,oldpath){var node=MEMFS.createNode(parent,newname,511|40960,0);node.link=oldpath;return node},readlink(node){if(!FS.isLink(node.mode)){throw new FS.ErrnoError(28)}return node.link}},stream_ops:{read(stream,buffer,offset,length,position){var contents=stream.node.contents;if(position>=stream.node.usedBytes)return 0;var size=Math.min(stream.node.usedBytes-position,length);buffer.set(contents.subarray(position,position+size),offset);return size},write(stream,buffer,offset,length,position,canOwn){if(buffer.buffer===HEAP8.buffer){canOwn=false}if(!length)return 0;var node=stream.node;node.mtime=node.ctime=Date.now();if(canOwn){node.contents=buffer.subarray(offset,offset+length);node.usedBytes=length}else if(node.usedBytes===0&&position===0){node.contents=buffer.slice(offset,offset+length);node.usedBytes=length}else{MEMFS.expandFileStorage(node,position+length);node.contents.set(buffer.subarray(offset,offset+length),position);node.usedBytes=Math.max(node.usedBytes,position+length)}return length},llseek(stream,offset,whence){var position=offset;if(whence===1){position+=stream.position}else if(whence===2){if(FS.isFile(stream.node.mode)){position+=stream.node.usedBytes}}if(position<0){throw new FS.ErrnoError(28)}return position},mmap(stream,length,position,prot,flags){if(!FS.isFile(stream.node.mode)){throw new FS.ErrnoError(43)}var ptr;var allocated;var contents=stream.node.contents;if(!(flags&2)&&contents.buffer===HEAP8.buffer){allocated=false;ptr=contents.byteOffset}else{allocated=true;ptr=mmapAlloc(length);if(!ptr){throw new FS.ErrnoError(48)}if(contents){if(position>0||position+length<contents.length){if(contents.subarray){contents=contents.subarray(position,position+length)}else{contents=Array.prototype.slice.call(contents,position,position+length)}}HEAP8.set(contents,ptr)}}return{ptr,allocated}},msync(stream,buffer,offset,length,mmapFlags){MEMFS.stream_ops.write(stream,buffer,0,length,offset,false);return 0}}};var FS_modeStringToFlags=str=>{if(typeof str!="string")return str;var flagModes={r:0,"r+":2,w:512|64|1,"w+":512|64|2,a:1024|64|1,"a+":1024|64|2};var flags=flagModes[str];if(typeof flags=="undefined"){throw new Error(`Unknown file open mode: ${str}`)}return flags};var FS_fileDataToTypedArray=data=>{if(typeof data=="string"){data=intArrayFromString(data,true)}if(!data.subarray){data=new Uint8Array(data)}return data};var FS_getMode=(canRead,canWrite)=>{var mode=0;if(canRead)mode|=292|73;if(canWrite)mode|=146;return mode};var asyncLoad=async url=>{var arrayBuffer=await readAsync(url);return new Uint8Array(arrayBuffer)};var FS_createDataFile=(...args)=>FS.createDataFile(...args);var getUniqueRunDependency=id=>id;var dependenciesPromise=null;var resolveRunDependencies=async()=>dependenciesPromise;var runDependencies=0;var dependenciesPromiseResolve=null;var removeRunDependency=id=>{runDependencies--;Module["monitorRunDependencies"]?.(runDependencies);if(!runDependencies){dependenciesPromiseResolve()}};var addRunDependency=id=>{if(!runDependencies){dependenciesPromise=new Promise(resolve=>dependenciesPromiseResolve=resolve)}runDependencies++;Module["monitorRunDependencies"]?.(runDependencies)};var preloadPlugins=[];var FS_handledByPreloadPlugin=async(byteArray,fullname)=>{if(typeof Browser!="undefined")Browser.init();for(var plugin of preloadPlugins){if(plugin["canHandle"](fullname)){return plugin["handle"](byteArray,fullname)}}return byteArray};var FS_preloadFile=async(parent,name,url,canRead,canWrite,dontCreateFile,canOwn,preFinish)=>{var fullname=name?PATH_FS.resolve(PATH.join2(parent,name)):parent;var dep=getUniqueRunDependency(`cp ${fullname}`);addRunDependency(dep);try{var byteArray=url;if(typeof url=="string"){byteArray=await asyncLoad(url)}byteArray=await FS_handledByPreloadPlugin(byteArray,fullname);preFinish?.();if(!dontCreateFile){FS_createDataFile(parent,name,byteArray,canRead,canWrite,canOwn)}}finally{removeRunDependency(dep)}};var FS_createPreloadedFile=(parent,name,url,canRead,canWrite,onload,onerror,dontCreateFile,canOwn,preFinish)=>{FS_preloadFile(parent,name,url,canRead,canWrite,dontCreateFile,canOwn,preFinish).then(onload).catch(onerror)};var FS={root:null,mounts:[],devices:{},streams:[],nextInode:1,nameTable:null,currentPath:"/",initialized:false,ignorePermissions:true,filesystems:null,syncFSRequests:0,ErrnoError:class{name="ErrnoError";constructor(errno){this.errno=errno}},FSStream:class{shared={};get object(){return this.node}set object(val){this.node=val}get isRead(){return(this.flags&2097155)!==1}get isWrite(){return(this.flags&2097155)!==0}get isAppend(){return this.flags&1024}get flags(){return this.shared.flags}set flags(val){this.shared.flags=val}get position(){return this.shared.position}set position(val){this.shared.position=val}},FSNode:class{node_ops={};stream_ops={};readMode=292|73;writeMode=146;mounted=null;constructor(parent,name,mode,rdev){if(!parent){parent=this}this.parent=parent;this.mount=parent.mount;this.id=FS.nextInode++;this.name=name;this.mode=mode;this.rdev=rdev;this.atime=this.mtime=this.ctime=Date.now()}get read(){return(this.mode&this.readMode)===this.readMode}set read(val){val?this.mode|=this.readMode:this.mode&=~this.readMode}get write(){return(this.mode&this.writeMode)===this.writeMode}set write(val){val?this.mode|=this.writeMode:this.mode&=~this.writeMode}get isFolder(){return FS.isDir(this.mode)}get isDevice(){return FS.isChrdev(this.mode)}addListener(cb,exclusive=false){var entry={cb,exclusive};var listeners=this.listeners??=new Set;listeners.add(entry);return{listeners,entry}}notifyListeners(flags){if(!this.listeners)return;var excl;for(var entry of this.listeners){if(entry.exclusive)(excl||=[]).push(entry);else entry.cb(flags)}if(excl){var i=(this.exclTurn||0)%excl.length;this.exclTurn=i+1;excl[i].cb(flags)}}},lookupPath(path,opts={}){if(!path){throw new FS.ErrnoError(44)}opts.follow_mount??=true;if(!PATH.isAbs(path)){path=FS.cwd()+"/"+path}linkloop:for(var nlinks=0;nlinks<40;nlinks++){var parts=path.split("/").filter(p=>!!p);var current=FS.root;var current_path="/";for(var i=0;i<parts.length;i++){var islast=i===parts.length-1;if(islast&&opts.parent){break}if(parts[i]==="."){continue}if(parts[i]===".."){current_path=PATH.dirname(current_path);if(FS.isRoot(current)){path=current_path+"/"+parts.slice(i+1).join("/");nlinks--;continue linkloop}else{current=current.parent}continue}current_path=PATH.join2(current_path,parts[i]);try{current=FS.lookupNode(current,parts[i])}catch(e){if(e?.errno===44&&islast&&opts.noent_okay){return{path:current_path}}throw e}if(FS.isMountpoint(current)&&(!islast||opts.follow_mount)){current=current.mounted.root}if(FS.isLink(current.mode)&&(!islast||opts.follow)){if(!current.node_ops.readlink){throw new FS.ErrnoError(52)}var link=current.node_ops.readlink(current);if(!PATH.isAbs(link)){link=PATH.dirname(current_path)+"/"+link}path=link+"/"+parts.slice(i+1).join("/");continue linkloop}}return{path:current_path,node:current}}throw new FS.ErrnoError(32)},getPath(node){var path;while(true){if(FS.isRoot(node)){var mount=node.mount.mountpoint;if(!path)return mount;return mount[mount.length-1]!=="/"?`${mount}/${path}`:mount+path}path=path?`${node.name}/${path}`:node.name;node=node.parent}},hashName(parentid,name){var hash=0;for(var i=0;i<name.length;i++){hash=(hash<<5)-hash+name.charCodeAt(i)|0}return(parentid+hash>>>0)%FS.nameTable.length},hashAddNode(node){var hash=FS.hashName(node.parent.id,node.name);node.name_next=FS.nameTable[hash];FS.nameTable[hash]=node},hashRemoveNode(node){var hash=FS.hashName(node.parent.id,node.name);if(FS.nameTable[hash]===node){FS.nameTable[hash]=node.name_next}else{var current=FS.nameTable[hash];while(current){if(current.name_next===node){current.name_next=node.name_next;break}current=current.name_next}}},lookupNode(parent,name){var errCode=FS.mayLookup(parent);if(errCode){throw new FS.ErrnoError(errCode)}var hash=FS.hashName(parent.id,name);for(var node=FS.nameTable[hash];node;node=node.name_next){var nodeName=node.name;if(node.parent.id===parent.id&&nodeName===name){return node}}return FS.lookup(parent,name)},createNode(parent,name,mode,rdev){var node=new FS.FSNode(parent,name,mode,rdev);FS.hashAddNode(node);return node},destroyNode(node){FS.hashRemoveNode(node)},isRoot(node){return node===node.parent},isMountpoint(node){return!!node.mounted},isFile(mode){return(mode&61440)===32768},isDir(mode){return(mode&61440)===16384},isLink(mode){return(mode&61440)===40960},isChrdev(mode){return(mode&61440)===8192},isBlkdev(mode){return(mode&61440)===24576},isFIFO(mode){return(mode&61440)===4096},isSocket(mode){return(mode&49152)===49152},flagsToPermissionString(flag){var perms=["r","w","rw"][flag&3];if(flag&512){perms+="w"}return perms},nodePermissions(node,perms){if(FS.ignorePermissions){return 0}if(perms.includes("r")&&!(node.mode&292)){return 2}if(perms.includes("w")&&!(node.mode&146)){return 2}if(perms.includes("x")&&!(node.mode&73)){return 2}return 0},mayLookup(dir){if(!FS.isDir(dir.mode))return 54;var errCode=FS.nodePermissions(dir,"x");if(errCode)return errCode;if(!dir.node_ops.lookup)return 2;return 0},mayCreate(dir,name){if(!FS.isDir(dir.mode)){return 54}try{var node=FS.lookupNode(dir,name);return 20}catch(e){}return FS.nodePermissions(dir,"wx")},mayDelete(dir,name,isdir){var node;try{node=FS.lookupNode(dir,name)}catch(e){return e.errno}var errCode=FS.nodePermissions(dir,"wx");if(errCode){return errCode}if(isdir){if(!FS.isDir(node.mode)){return 54}if(FS.isRoot(node)||FS.getPath(node)===FS.cwd()){return 10}}else if(FS.isDir(node.mode)){return 31}return 0},mayOpen(node,flags){if(!node){return 44}if(FS.isLink(node.mode)){return 32}var mode=FS.flagsToPermissionString(flags);if(FS.isDir(node.mode)){if(mode!=="r"||flags&(512|64)){return 31}}return FS.nodePermissions(node,mode)},checkOpExists(op,err){if(!op){throw new FS.ErrnoError(err)}return op},MAX_OPEN_FDS:4096,nextfd(){for(var fd=0;fd<=FS.MAX_OPEN_FDS;fd++){if(!FS.streams[fd]){return fd}}throw new FS.ErrnoError(33)},getStreamChecked(fd){var stream=FS.getStream(fd);if(!stream){throw new FS.ErrnoError(8)}return stream},getStream:fd=>FS.streams[fd],createStream(stream,fd=-1){stream=Object.assign(new FS.FSStream,stream);if(fd==-1){fd=FS.nextfd()}stream.fd=fd;FS.streams[fd]=stream;return stream},closeStream(fd){FS.streams[fd]=null},dupStream(origStream,fd=-1){var stream=FS.createStream(origStream,fd);stream.stream_ops?.dup?.(stream);return stream},doSetAttr(stream,node,attr){var setattr=stream?.stream_ops.setattr;var arg=setattr?stream:node;setattr??=node.node_ops.setattr;FS.checkOpExists(setattr,63);try{setattr(arg,attr)}catch(e){if(e instanceof RangeError){throw new FS.ErrnoError(22)}throw e}},chrdev_stream_ops:{open(stream){var device=FS.getDevice(stream.node.rdev);stream.stream_ops=device.stream_ops;stream.stream_ops.open?.(stream)},llseek(){throw new FS.ErrnoError(70)}},major:dev=>dev>>8,minor:dev=>dev&255,makedev:(ma,mi)=>ma<<8|mi,registerDevice(dev,ops){FS.devices[dev]={stream_ops:ops}},getDevice:dev=>FS.devices[dev],getMounts(mount){var mounts=[];var check=[mount];while(check.length){var m=check.pop();mounts.push(m);check.push(...m.mounts)}return mounts},syncfs(populate,callback){if(typeof populate=="function"){callback=populate;populate=false}FS.syncFSRequests++;if(FS.syncFSRequests>1){err(`warning: ${FS.syncFSRequests} FS.syncfs operations in flight at once, probably just doing extra work`)}var mounts=FS.getMounts(FS.root.mount);var completed=0;function doCallback(errCode){FS.syncFSRequests--;return callback(errCode)}function done(errCode){if(errCode){if(!done.errored){done.errored=true;return doCallback(errCode)}return}if(++completed>=mounts.length){doCallback(null)}}for(var mount of mounts){if(mount.type.syncfs){mount.type.syncfs(mount,populate,done)}else{done(null)}}},mount(type,opts,mountpoint){var root=mountpoint==="/";var pseudo=!mountpoint;var node;if(root&&FS.root){throw new FS.ErrnoError(10)}else if(!root&&!pseudo){var lookup=FS.lookupPath(mountpoint,{follow_mount:false});mountpoint=lookup.path;node=lookup.node;if(FS.isMountpoint(node)){throw new FS.ErrnoError(10)}if(!FS.isDir(node.mode)){throw new FS.ErrnoError(54)}}var mount={type,opts,mountpoint,mounts:[]};var mountRoot=type.mount(mount);mountRoot.mount=mount;mount.root=mountRoot;if(root){FS.root=mountRoot}else if(node){node.mounted=mount;if(node.mount){node.mount.mounts.push(mount)}}return mountRoot},unmount(mountpoint){var lookup=FS.lookupPath(mountpoint,{follow_mount:false});if(!FS.isMountpoint(lookup.node)){throw new FS.ErrnoError(28)}var node=lookup.node;var mount=node.mounted;var mounts=FS.getMounts(mount);for(var[hash,current]of Object.entries(FS.nameTable)){while(current){var next=current.name_next;if(mounts.includes(current.mount)){FS.destroyNode(current)}current=next}}node.mounted=null;var idx=node.mount.mounts.indexOf(mount);node.mount.mounts.splice(idx,1)},lookup(parent,name){return parent.node_ops.lookup(parent,name)},mknod(path,mode,dev){var lookup=FS.lookupPath(path,{parent:true});var parent=lookup.node;var name=PATH.basename(path);if(!name){throw new FS.ErrnoError(28)}if(name==="."||name===".."){throw new FS.ErrnoError(20)}var errCode=FS.mayCreate(parent,name);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.mknod){throw new FS.ErrnoError(63)}return parent.node_ops.mknod(parent,name,mode,dev)},statfs(path){return FS.statfsNode(FS.lookupPath(path,{follow:true}).node)},statfsStream(stream){return FS.statfsNode(stream.node)},statfsNode(node){var rtn={bsize:4096,frsize:4096,blocks:1e6,bfree:5e5,bavail:5e5,files:FS.nextInode,ffree:FS.nextInode-1,fsid:42,flags:2,namelen:255};if(node.node_ops.statfs){Object.assign(rtn,node.node_ops.statfs(node.mount.opts.root))}return rtn},create(path,mode=438){mode&=4095;mode|=32768;return FS.mknod(path,mode,0)},mkdir(path,mode=511){mode&=511|512;mode|=16384;return FS.mknod(path,mode,0)},mkdirTree(path,mode){var dirs=path.split("/");var d="";for(var dir of dirs){if(!dir)continue;if(d||PATH.isAbs(path))d+="/";d+=dir;try{FS.mkdir(d,mode)}catch(e){if(e.errno!=20)throw e}}},mkdev(path,mode,dev){if(typeof dev=="undefined"){dev=mode;mode=438}mode|=8192;return FS.mknod(path,mode,dev)},symlink(oldpath,newpath){if(!PATH_FS.resolve(oldpath)){throw new FS.ErrnoError(44)}var lookup=FS.lookupPath(newpath,{parent:true});var parent=lookup.node;if(!parent){throw new FS.ErrnoError(44)}var newname=PATH.basename(newpath);var errCode=FS.mayCreate(parent,newname);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.symlink){throw new FS.ErrnoError(63)}return parent.node_ops.symlink(parent,newname,oldpath)},link(oldpath,newpath,flags){var lookup=FS.lookupPath(newpath,{parent:true});var parent=lookup.node;if(!parent){throw new FS.ErrnoError(44)}var newname=PATH.basename(newpath);var errCode=FS.mayCreate(parent,newname);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.link){throw new FS.ErrnoError(34)}return parent.node_ops.link(parent,newname,oldpath,flags)},rename(old_path,new_path){var old_dirname=PATH.dirname(old_path);var new_dirname=PATH.dirname(new_path);var old_name=PATH.basename(old_path);var new_name=PATH.basename(new_path);var lookup,old_dir,new_dir;lookup=FS.lookupPath(old_path,{parent:true});old_dir=lookup.node;lookup=FS.lookupPath(new_path,{parent:true});new_dir=lookup.node;if(!old_dir||!new_dir)throw new FS.ErrnoError(44);if(old_dir.mount!==new_dir.mount){throw new FS.ErrnoError(75)}var old_node=FS.lookupNode(old_dir,old_name);var relative=PATH_FS.relative(old_path,new_dirname);if(relative.charAt(0)!=="."){throw new FS.ErrnoError(28)}relative=PATH_FS.relative(new_path,old_dirname);if(relative.charAt(0)!=="."){throw new FS.ErrnoError(55)}var new_node;try{new_node=FS.lookupNode(new_dir,new_name)}catch(e){}if(old_node===new_node){return}var isdir=FS.isDir(old_node.mode);var errCode=FS.mayDelete(old_dir,old_name,isdir);if(errCode){throw new FS.ErrnoError(errCode)}errCode=new_node?FS.mayDelete(new_dir,new_name,isdir):FS.mayCreate(new_dir,new_name);if(errCode){throw new FS.ErrnoError(errCode)}if(!old_dir.node_ops.rename){throw new FS.ErrnoError(63)}if(FS.isMountpoint(old_node)||new_node&&FS.isMountpoint(new_node)){throw new FS.ErrnoError(10)}if(new_dir!==old_dir){errCode=FS.nodePermissions(old_dir,"w");if(errCode){throw new FS.ErrnoError(errCode)}}FS.hashRemoveNode(old_node);try{old_dir.node_ops.rename(old_node,new_dir,new_name);old_node.parent=new_dir}catch(e){throw e}finally{FS.hashAddNode(old_node)}},rmdir(path){var lookup=FS.lookupPath(path,{parent:true});var parent=lookup.node;var name=PATH.basename(path);var node=FS.lookupNode(parent,name);var errCode=FS.mayDelete(parent,name,true);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.rmdir){throw new FS.ErrnoError(63)}if(FS.isMountpoint(node)){throw new FS.ErrnoError(10)}parent.node_ops.rmdir(parent,name);FS.destroyNode(node)},readdir(path){var lookup=FS.lookupPath(path,{follow:true});var node=lookup.node;var readdir=FS.checkOpExists(node.node_ops.readdir,54);return readdir(node)},unlink(path){var lookup=FS.lookupPath(path,{parent:true});var parent=lookup.node;if(!parent){throw new FS.ErrnoError(44)}var name=PATH.basename(path);var node=FS.lookupNode(parent,name);var errCode=FS.mayDelete(parent,name,false);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.unlink){throw new FS.ErrnoError(63)}if(FS.isMountpoint(node)){throw new FS.ErrnoError(10)}parent.node_ops.unlink(parent,name);FS.destroyNode(node)},readlink(path){var lookup=FS.lookupPath(path);var link=lookup.node;if(!link){throw new FS.ErrnoError(44)}if(!link.node_ops.readlink){throw new FS.ErrnoError(28)}return link.node_ops.readlink(link)},stat(path,dontFollow){var lookup=FS.lookupPath(path,{follow:!dontFollow});var node=lookup.node;var getattr=FS.checkOpExists(node.node_ops.getattr,63);return getattr(node)},fstat(fd){var stream=FS.getStreamChecked(fd);var node=stream.node;var getattr=stream.stream_ops.getattr;var arg=getattr?stream:node;getattr??=node.node_ops.getattr;FS.checkOpExists(getattr,63);return getattr(arg)},lstat(path){return FS.stat(path,true)},doChmod(stream,node,mode,dontFollow){FS.doSetAttr(stream,node,{mode:mode&4095|node.mode&~4095,ctime:Date.now(),dontFollow})},chmod(path,mode,dontFollow){var node;if(typeof path=="string"){var lookup=FS.lookupPath(path,{follow:!dontFollow});node=lookup.node}else{node=path}FS.doChmod(null,node,mode,dontFollow)},lchmod(path,mode){FS.chmod(path,mode,true)},fchmod(fd,mode){var stream=FS.getStreamChecked(fd);FS.doChmod(stream,stream.node,mode,false)},doChown(stream,node,dontFollow){FS.doSetAttr(stream,node,{timestamp:Date.now(),dontFollow})},chown(path,uid,gid,dontFollow){var node;if(typeof path=="string"){var lookup=FS.lookupPath(path,{follow:!dontFollow});node=lookup.node}else{node=path}FS.doChown(null,node,dontFollow)},lchown(path,uid,gid){FS.chown(path,uid,gid,true)},fchown(fd,uid,gid){var stream=FS.getStreamChecked(fd);FS.doChown(stream,stream.node,false)},doTruncate(stream,node,len){if(FS.isDir(node.mode)){throw new FS.ErrnoError(31)}if(!FS.isFile(node.mode)){throw new FS.ErrnoError(28)}var errCode=FS.nodePermissions(node,"w");if(errCode){throw new FS.ErrnoError(errCode)}FS.doSetAttr(stream,node,{size:len,timestamp:Date.now()})},truncate(path,len){if(len<0){throw new FS.ErrnoError(28)}var node;if(typeof path=="string"){var lookup=FS.lookupPath(path,{follow:true});node=lookup.node}else{node=path}FS.doTruncate(null,node,len)},ftruncate(fd,len){var stream=FS.getStreamChecked(fd);if(len<0||(stream.flags&2097155)===0){throw new FS.ErrnoError(28)}FS.doTruncate(stream,stream.node,len)},utime(path,atime,mtime,dontFollow){var lookup=FS.lookupPath(path,{follow:!dontFollow});FS.doSetAttr(null,lookup.node,{atime,mtime,dontFollow})},open(path,flags,mode=438){if(path===""){throw new FS.ErrnoError(44)}flags=FS_modeStringToFlags(flags);if(flags&64){mode=mode&4095|32768}else{mode=0}var node;var isDirPath;if(typeof path=="object"){node=path}else{isDirPath=path.endsWith("/");var lookup=FS.lookupPath(path,{follow:!(flags&131072),noent_okay:true});node=lookup.node;path=lookup.path}var created=false;if(flags&64){if(node){if(flags&128){throw new FS.ErrnoError(20)}}else if(isDirPath){throw new FS.ErrnoError(31)}else{node=FS.mknod(path,mode|511,0);created=true}}if(!node){throw new FS.ErrnoError(44)}if(FS.isChrdev(node.mode)){flags&=~512}if(flags&65536&&!FS.isDir(node.mode)){throw new FS.ErrnoError(54)}if(!created){var errCode=FS.mayOpen(node,flags);if(errCode){throw new FS.ErrnoError(errCode)}}if(flags&512&&!created){FS.truncate(node,0)}flags&=~(128|512|131072);var stream=FS.createStream({node,path:FS.getPath(node),flags,seekable:true,position:0,stream_ops:node.stream_ops,ungotten:[],error:false});if(stream.stream_ops.open){stream.stream_ops.open(stream)}if(created){FS.chmod(node,mode&511)}return stream},close(stream){if(FS.isClosed(stream)){throw new FS.ErrnoError(8)}if(stream.getdents)stream.getdents=null;stream.node?.notifyListeners(32);try{if(stream.stream_ops.close){stream.stream_ops.close(stream)}}catch(e){throw e}finally{FS.closeStream(stream.fd)}stream.fd=null},isClosed(stream){return stream.fd===null},llseek(stream,offset,whence){if(FS.isClosed(stream)){throw new FS.ErrnoError(8)}if(!stream.seekable||!stream.stream_ops.llseek){throw new FS.ErrnoError(70)}if(whence!=0&&whence!=1&&whence!=2){throw new FS.ErrnoError(28)}stream.position=stream.stream_ops.llseek(stream,offset,whence);stream.ungotten=[];return stream.position},read(stream,buffer,offset,length,position){if(length<0||position<0){throw new FS.ErrnoError(28)}if(FS.isClosed(stream)){throw new FS.ErrnoError(8)}if((stream.flags&2097155)===1){throw new FS.ErrnoError(8)}if(FS.isDir(stream.node.mode)){throw new FS.ErrnoError(31)}if(!stream.stream_ops.read){throw new FS.ErrnoError(28)}var seeking=typeof position!="undefined";if(!seeking){position=stream.position}else if(!stream.seekable){throw new FS.ErrnoError(70)}var bytesRead=stream.stream_ops.read(stream,buffer,offset,length,position);if(!seeking)stream.position+=bytesRead;return bytesRead},write(stream,buffer,offset,length,position,canOwn){if(length<0||position<0){throw new FS.ErrnoError(28)}if(FS.isClosed(stream)){throw new FS.ErrnoError(8)}if((stream.flags&2097155)===0){throw new FS.ErrnoError(8)}if(FS.isDir(stream.node.mode)){throw new FS.ErrnoError(31)}if(!stream.stream_ops.write){throw new FS.ErrnoError(28)}if(stream.seekable&&stream.flags&1024){FS.llseek(stream,0,2)}var seeking=typeof position!="undefined";if(!seeking){position=stream.position}else if(!stream.seekable){throw new FS.ErrnoError(70)}var bytesWritten=stream.stream_ops.write(stream,buffer,offset,length,position,canOwn);if(!seeking)stream.position+=bytesWritten;return bytesWritten},mmap(stream,length,position,prot,flags){if((prot&2)!==0&&(flags&2)===0&&(stream.flags&2097155)!==2){throw new FS.ErrnoError(2)}if((stream.flags&2097155)===1){throw new FS.ErrnoError(2)}if(!stream.stream_ops.mmap){throw new FS.ErrnoError(43)}if(!length){throw new FS.ErrnoError(28)}return stream.stream_ops.mmap(stream,length,position,prot,flags)},msync(stream,buffer,offset,length,mmapFlags){if(!stream.stream_ops.msync){return 0}return stream.stream_ops.msync(stream,buffer,offset,length,mmapFlags)},ioctl(stream,cmd,arg){if(!stream.stream_ops.ioctl){throw new FS.ErrnoError(59)}return stream.stream_ops.ioctl(stream,cmd,arg)},readFile(path,opts={}){opts.flags=opts.flags??0;opts.encoding=opts.encoding??"binary";if(opts.encoding!=="utf8"&&opts.encoding!=="binary"){abort(`Invalid encoding type "${opts.encoding}"`)}var stream=FS.open(path,opts.flags);var stat=FS.stat(path);var length=stat.size;var buf=new Uint8Array(length);FS.read(stream,buf,0,length,0);if(opts.encoding==="utf8"){buf=UTF8ArrayToString(buf)}FS.close(stream);return buf},writeFile(path,data,opts={}){opts.flags=opts.flags??577;var stream=FS.open(path,opts.flags,opts.mode);data=FS_fileDataToTypedArray(data);FS.write(stream,data,0,data.byteLength,undefined,opts.canOwn);FS.close(stream)},cwd:()=>FS.currentPath,chdir(path){var lookup=FS.lookupPath(path,{follow:true});if(lookup.node===null){throw new FS.ErrnoError(44)}if(!FS.isDir(lookup.node.mode)){throw new FS.ErrnoError(54)}var errCode=FS.nodePermissions(lookup.node,"x");if(errCode){throw new FS.ErrnoError(errCode)}FS.currentPath=lookup.path},createDefaultDirectories(){FS.mkdir("/tmp");FS.mkdir("/home");FS.mkdir("/home/web_user")},createDefaultDevices(){FS.mkdir("/dev");FS.registerDevice(FS.makedev(1,3),{read:()=>0,write:(stream,buffer,offset,length,pos)=>length,llseek:()=>0});FS.mkdev("/dev/null",FS.makedev(1,3));TTY.register(FS.makedev(5,0),TTY.default_tty_ops);TTY.register(FS.makedev(6,0),TTY.default_tty1_ops);FS.mkdev("/dev/tty",FS.makedev(5,0));FS.mkdev("/dev/tty1",FS.makedev(6,0));var randomBuffer=new Uint8Array(1024),randomLeft=0;var randomByte=()=>{if(randomLeft===0){randomFill(randomBuffer);randomLeft=randomBuffer.byteLength}return randomBuffer[--randomLeft]};FS.createDevice("/dev","random",randomByte);FS.createDevice("/dev","urandom",randomByte);FS.mkdir("/dev/shm");FS.mkdir("/dev/shm/tmp")},createSpecialDirectories(){FS.mkdir("/proc");var proc_self=FS.mkdir("/proc/self");FS.mkdir("/proc/self/fd");FS.mount({mount(){var node=FS.createNode(proc_self,"fd",16895,73);node.stream_ops={llseek:MEMFS.stream_ops.llseek};node.node_ops={lookup(parent,name){var fd=+name;var stream=FS.getStreamChecked(fd);var ret={parent:null,mount:{mountpoint:"fake"},node_ops:{readlink:()=>stream.path},id:fd+1};ret.parent=ret;return ret},readdir(){return Array.from(FS.streams.entries()).filter(([k,v])=>v).map(([k,v])=>k.toString())}};return node}},{},"/proc/self/fd")},createStandardStreams(input,output,error){if(input){FS.createDevice("/dev","stdin",input)}else{FS.symlink("/dev/tty","/dev/stdin")}if(output){FS.createDevice("/dev","stdout",null,output)}else{FS.symlink("/dev/tty","/dev/stdout")}if(error){FS.createDevice("/dev","stderr",null,error)}else{FS.symlink("/dev/tty1","/dev/stderr")}var stdin=FS.open("/dev/stdin",0);var stdout=FS.open("/dev/stdout",1);var stderr=FS.open("/dev/stderr",1)},staticInit(){FS.nameTable=new Array(4096);FS.mount(MEMFS,{},"/");FS.createDefaultDirectories();FS.createDefaultDevices();FS.createSpecialDirectories();FS.filesystems={MEMFS}},init(input,output,error){FS.initialized=true;input??=Module["stdin"];output??=Module["stdout"];error??=Module["stderr"];FS.createStandardStreams(input,output,error)},quit(){FS.initialized=false;for(var stream of FS.streams){if(stream){FS.close(stream)}}},findObject(path,dontResolveLastLink){var ret=FS.analyzePath(path,dontResolveLastLink);if(!ret.exists){return null}return ret.object},analyzePath(path,dontResolveLastLink){try{var lookup=FS.lookupPath(path,{follow:!dontResolveLastLink});path=lookup.path}catch(e){}var ret={isRoot:false,exists:false,error:0,name:null,path:null,object:null,parentExists:false,parentPath:null,parentObject:null};try{var lookup=FS.lookupPath(path,{parent:true});ret.parentExists=true;ret.parentPath=lookup.path;ret.parentObject=lookup.node;ret.name=PATH.basename(path);lookup=FS.lookupPath(path,{follow:!dontResolveLastLink});ret.exists=true;ret.path=lookup.path;ret.object=lookup.node;ret.name=lookup.node.name;ret.isRoot=lookup.path==="/"}catch(e){ret.error=e.errno}return ret},createPath(parent,path,canRead,canWrite){parent=typeof parent=="string"?parent:FS.getPath(parent);var parts=path.split("/").reverse();while(parts.length){var part=parts.pop();if(!part)continue;var current=PATH.join2(parent,part);try{FS.mkdir(current)}catch(e){if(e.errno!=20)throw e}parent=current}return current},createFile(parent,name,properties,canRead,canWrite){var path=PATH.join2(typeof parent=="string"?parent:FS.getPath(parent),name);var mode=FS_getMode(canRead,canWrite);return FS.create(path,mode)},createDataFile(parent,name,data,canRead,canWrite,canOwn){var path=name;if(parent){parent=typeof parent=="string"?parent:FS.getPath(parent);path=name?PATH.join2(parent,name):parent}var mode=FS_getMode(canRead,canWrite);var node=FS.create(path,mode);if(data){data=FS_fileDataToTypedArray(data);FS.chmod(node,mode|146);var stream=FS.open(node,577);FS.write(stream,data,0,data.length,0,canOwn);FS.close(stream);FS.chmod(node,mode)}},createDevice(parent,name,input,output){var path=PATH.join2(typeof parent=="string"?parent:FS.getPath(parent),name);var mode=FS_getMode(!!input,!!output);FS.createDevice.major??=64;var dev=FS.makedev(FS.createDevice.major++,0);FS.registerDevice(dev,{open(stream){stream.seekable=false},close(stream){if(output?.buffer?.length){output(10)}},read(stream,buffer,offset,length,pos){var bytesRead=0;for(var i=0;i<length;i++){var result;try{result=input()}catch(e){throw new FS.ErrnoError(29)}if(result===undefined&&bytesRead===0){throw new FS.ErrnoError(6)}if(result===null||result===undefined)break;bytesRead++;buffer[offset+i]=result}if(bytesRead){stream.node.atime=Date.now()}return bytesRead},write(stream,buffer,offset,length,pos){for(var i=0;i<length;i++){try{output(buffer[offset+i])}catch(e){throw new FS.ErrnoError(29)}}if(length){stream.node.mtime=stream.node.ctime=Date.now()}return i}});return FS.mkdev(path,mode,dev)},forceLoadFile(obj){if(obj.isDevice||obj.isFolder||obj.link||obj.contents)return true;if(globalThis.XMLHttpRequest){abort("Lazy loading should have been performed (contents set) in createLazyFile, but it was not. Lazy loading only works in web workers. Use --embed-file or --preload-file in emcc on the main thread.")}else{try{obj.contents=readBinary(obj.url)}catch(e){throw new FS.ErrnoError(29)}}},createLazyFile(parent,name,url,canRead,canWrite){class LazyUint8Array{lengthKnown=false;chunks=[];get(idx){if(idx>this.length-1||idx<0){return undefined}var chunkOffset=idx%this.chunkSize;var chunkNum=idx/this.chunkSize|0;return this.getter(chunkNum)[chunkOffset]}setDataGetter(getter){this.getter=getter}cacheLength(){var xhr=new XMLHttpRequest;xhr.open("HEAD",url,false);xhr.send(null);if(!(xhr.status>=200&&xhr.status<300||xhr.status===304))abort("Couldn't load "+url+". Status: "+xhr.status);var datalength=Number(xhr.getResponseHeader("Content-length"));var header;var hasByteServing=(header=xhr.getResponseHeader("Accept-Ranges"))&&header==="bytes";var usesGzip=(header=xhr.getResponseHeader("Content-Encoding"))&&header==="gzip";var chunkSize=1024*1024;if(!hasByteServing)chunkSize=datalength;var doXHR=(from,to)=>{if(from>to)abort(`invalid range (${from}, ${to}) or no bytes requested!`);if(to>datalength-1)abort(`only ${datalength} bytes available! programmer error!`);var xhr=new XMLHttpRequest;xhr.open("GET",url,false);if(datalength!==chunkSize)xhr.setRequestHeader("Range","bytes="+from+"-"+to);xhr.responseType="arraybuffer";if(xhr.overrideMimeType){xhr.overrideMimeType("text/plain; charset=x-user-defined")}xhr.send(null);if(!(xhr.status>=200&&xhr.status<300||xhr.status===304))abort("Couldn't load "+url+". Status: "+xhr.status);if(xhr.response!==undefined){return new Uint8Array(xhr.response||[])}return intArrayFromString(xhr.responseText??"",true)};var lazyArray=this;lazyArray.setDataGetter(chunkNum=>{var start=chunkNum*chunkSize;var end=(chunkNum+1)*chunkSize-1;end=Math.min(end,datalength-1);if(typeof lazyArray.chunks[chunkNum]=="undefined"){lazyArray.chunks[chunkNum]=doXHR(start,end)}if(typeof lazyArray.chunks[chunkNum]=="undefined")abort("doXHR failed!");return lazyArray.chunks[chunkNum]});if(usesGzip||!datalength){chunkSize=datalength=1;datalength=this.getter(0).length;chunkSize=datalength;out("LazyFiles on gzip forces download of the whole file when length is accessed")}this._length=datalength;this._chunkSize=chunkSize;this.lengthKnown=true}get length(){if(!this.lengthKnown){this.cacheLength()}return this._length}get chunkSize(){if(!this.lengthKnown){this.cacheLength()}return this._chunkSize}}if(globalThis.XMLHttpRequest){if(!ENVIRONMENT_IS_WORKER)abort("Cannot do synchronous binary XHRs outside webworkers in modern browsers. Use --embed-file or --preload-file in emcc");var lazyArray=new LazyUint8Array;var properties={isDevice:false,contents:lazyArray}}else{var properties={isDevice:false,url}}var node=FS.createFile(parent,name,properties,canRead,canWrite);if(properties.contents){node.contents=properties.contents}else if(properties.url){node.contents=null;node.url=properties.url}Object.defineProperties(node,{usedBytes:{get:function(){return this.contents.length}}});var stream_ops={};for(const[key,fn]of Object.entries(node.stream_ops)){stream_ops[key]=(...args)=>{FS.forceLoadFile(node);return fn(...args)}}function writeChunks(stream,buffer,offset,length,position){var contents=stream.node.contents;if(position>=contents.length)return 0;var size=Math.min(contents.length-position,length);if(contents.slice){for(var i=0;i<size;i++){buffer[offset+i]=contents[position+i]}}else{for(var i=0;i<size;i++){buffer[offset+i]=contents.get(position+i)}}return size}stream_ops.read=(stream,buffer,offset,length,position)=>{FS.forceLoadFile(node);return writeChunks(stream,buffer,offset,length,position)};stream_ops.mmap=(stream,length,position,prot,flags)=>{FS.forceLoadFile(node);var ptr=mmapAlloc(length);if(!ptr){throw new FS.ErrnoError(48)}writeChunks(stream,HEAP8,ptr,length,position);return{ptr,allocated:true}};node.stream_ops=stream_ops;return node}};var SYSCALLS={currentUmask:18,calculateAt(dirfd,path,allowEmpty){if(PATH.isAbs(path)){return path}var dir;if(dirfd===-100){dir=FS.cwd()}else{var dirstream=SYSCALLS.getStreamFromFD(dirfd);dir=dirstream.path}if(path.length==0){if(!allowEmpty){throw new FS.ErrnoError(44)}return dir}return dir+"/"+path},writeStat(buf,stat){HEAPU32[buf>>2]=stat.dev;HEAPU32[buf+4>>2]=stat.mode;HEAPU32[buf+8>>2]=stat.nlink;HEAPU32[buf+12>>2]=stat.uid;HEAPU32[buf+16>>2]=stat.gid;HEAPU32[buf+20>>2]=stat.rdev;HEAP64[buf+24>>3]=BigInt(stat.size);HEAP32[buf+32>>2]=4096;HEAP32[buf+36>>2]=stat.blocks;var atime=stat.atime.getTime();var mtime=stat.mtime.getTime();var ctime=stat.ctime.getTime();HEAP64[buf+40>>3]=BigInt(Math.floor(atime/1e3));HEAPU32[buf+48>>2]=atime%1e3*1e3*1e3;HEAP64[buf+56>>3]=BigInt(Math.floor(mtime/1e3));HEAPU32[buf+64>>2]=mtime%1e3*1e3*1e3;HEAP64[buf+72>>3]=BigInt(Math.floor(ctime/1e3));HEAPU32[buf+80>>2]=ctime%1e3*1e3*1e3;HEAP64[buf+88>>3]=BigInt(stat.ino);return 0},writeStatFs(buf,stats){HEAPU32[buf+4>>2]=stats.bsize;HEAPU32[buf+60>>2]=stats.bsize;HEAP64[buf+8>>3]=BigInt(stats.blocks);HEAP64[buf+16>>3]=BigInt(stats.bfree);HEAP64[buf+24>>3]=BigInt(stats.bavail);HEAP64[buf+32>>3]=BigInt(stats.files);HEAP64[buf+40>>3]=BigInt(stats.ffree);HEAPU32[buf+48>>2]=stats.fsid;HEAPU32[buf+64>>2]=stats.flags;HEAPU32[buf+56>>2]=stats.namelen},doMsync(addr,stream,len,flags,offset){if(!FS.isFile(stream.node.mode)){throw new FS.ErrnoError(43)}if(flags&2){return 0}var buffer=HEAPU8.subarray(addr,addr+len);FS.msync(stream,buffer,offset,len,flags)},getStreamFromFD(fd){var stream=FS.getStreamChecked(fd);return stream},varargs:undefined,getStr(ptr){var ret=UTF8ToString(ptr);return ret}};function _fd_close(fd){try{var stream=SYSCALLS.getStreamFromFD(fd);FS.close(stream);return 0}catch(e){if(typeof FS=="undefined"||!(e.name==="ErrnoError"))throw e;return e.errno}}var doReadv=(stream,iov,iovcnt,offset)=>{var ret=0;for(var i=0;i<iovcnt;i++){var ptr=HEAPU32[iov>>2];var len=HEAPU32[iov+4>>2];iov+=8;try{var curr=FS.read(stream,HEAP8,ptr,len,offset)}catch(e){if(ret>0&&e instanceof FS.ErrnoError&&(e.errno==6||e.errno==6)){break}throw e}if(curr<0)return-1;ret+=curr;if(curr<len)break;if(typeof offset!="undefined"){offset+=curr}}return ret};function _fd_read(fd,iov,iovcnt,pnum){try{var stream=SYSCALLS.getStreamFromFD(fd);var num=doReadv(stream,iov,iovcnt);HEAPU32[pnum>>2]=num;return 0}catch(e){if(typeof FS=="undefined"||!(e.name==="ErrnoError"))throw e;return e.errno}}var INT53_MAX=9007199254740992;var INT53_MIN=-9007199254740992;var bigintToI53Checked=num=>num<INT53_MIN||num>INT53_MAX?NaN:Number(num);function _fd_seek(fd,offset,whence,newOffset){offset=bigintToI53Checked(offset);try{if(isNaN(offset))return 22;var stream=SYSCALLS.getStreamFromFD(fd);FS.llseek(stream,offset,whence);HEAP64[newOffset>>3]=BigInt(stream.position);if(stream.getdents&&offset===0&&whence===0)stream.getdents=null;return 0}catch(e){if(typeof FS=="undefined"||!(e.name==="ErrnoError"))throw e;return e.errno}}var doWritev=(stream,iov,iovcnt,offset)=>{if(iovcnt==1){return FS.write(stream,HEAP8,HEAPU32[iov>>2],HEAPU32[iov+4>>2],offset)}var total=0;for(var i=0,p=iov;i<iovcnt;i++,p+=8){total+=HEAPU32[p+4>>2]}var view=new Uint8Array(total);var voff=0;for(var i=0;i<iovcnt;i++,iov+=8){var ptr=HEAPU32[iov>>2];var len=HEAPU32[iov+4>>2];view.set(HEAPU8.subarray(ptr,ptr+len),voff);voff+=len}return FS.write(stream,view,0,total,offset)};function _fd_write(fd,iov,iovcnt,pnum){try{var stream=SYSCALLS.getStreamFromFD(fd);var num=doWritev(stream,iov,iovcnt);HEAPU32[pnum>>2]=num;return 0}catch(e){if(typeof FS=="undefined"||!(e.name==="ErrnoError"))throw e;return e.errno}}var wasmTableMirror=[];var getWasmTableEntry=funcPtr=>{var func=wasmTableMirror[funcPtr];if(!func){wasmTableMirror[funcPtr]=func=wasmTable.get(funcPtr)}return func};var stringToUTF8=(str,outPtr,maxBytesToWrite)=>stringToUTF8Array(str,HEAPU8,outPtr,maxBytesToWrite);FS.createPreloadedFile=FS_createPreloadedFile;FS.preloadFile=FS_preloadFile;FS.staticInit();{if(Module["noExitRuntime"])noExitRuntime=Module["noExitRuntime"];if(Module["print"])out=Module["print"];if(Module["printErr"])err=Module["printErr"];if(Module["arguments"])programArgs=Module["arguments"];if(Module["thisProgram"])thisProgram=Module["thisProgram"];var preInit=Module["preInit"];if(preInit){if(typeof preInit=="function")Module["preInit"]=preInit=[preInit];while(preInit.length>0){preInit.shift()()}}}Module["getValue"]=getValue;Module["UTF8ToString"]=UTF8ToString;Module["stringToUTF8"]=stringToUTF8;Module["lengthBytesUTF8"]=lengthBytesUTF8;var _wasm_parse_query,_malloc,_free,_wasm_parse_query_raw,_wasm_free_parse_result,_wasm_parse_plpgsql,_wasm_fingerprint,_wasm_normalize_query,_wasm_parse_query_detailed,_wasm_free_detailed_result,_wasm_scan,_wasm_free_string,__emscripten_timeout,_setThrew,__emscripten_stack_restore,_emscripten_stack_get_current,memory,__indirect_function_table,wasmMemory,wasmTable;function assignWasmExports(wasmExports){_wasm_parse_query=Module["_wasm_parse_query"]=wasmExports["B"];_malloc=Module["_malloc"]=wasmExports["C"];_free=Module["_free"]=wasmExports["E"];_wasm_parse_query_raw=Module["_wasm_parse_query_raw"]=wasmExports["F"];_wasm_free_parse_result=Module["_wasm_free_parse_result"]=wasmExports["G"];_wasm_parse_plpgsql=Module["_wasm_parse_plpgsql"]=wasmExports["H"];_wasm_fingerprint=Module["_wasm_fingerprint"]=wasmExports["I"];_wasm_normalize_query=Module["_wasm_normalize_query"]=wasmExports["J"];_wasm_parse_query_detailed=Module["_wasm_parse_query_detailed"]=wasmExports["K"];_wasm_free_detailed_result=Module["_wasm_free_detailed_result"]=wasmExports["L"];_wasm_scan=Module["_wasm_scan"]=wasmExports["M"];_wasm_free_string=Module["_wasm_free_string"]=wasmExports["N"];__emscripten_timeout=wasmExports["O"];_setThrew=wasmExports["P"];__emscripten_stack_restore=wasmExports["Q"];_emscripten_stack_get_current=wasmExports["R"];memory=wasmMemory=wasmExports["z"];__indirect_function_table=wasmTable=wasmExports["D"]}var wasmImports={c:___assert_fail,x:__abort_js,w:__emscripten_runtime_keepalive_clear,p:__emscripten_throw_longjmp,o:__setitimer_js,q:_emscripten_resize_heap,m:_exit,u:_fd_close,r:_fd_read,s:_fd_seek,t:_fd_write,g:invoke_i,b:invoke_ii,a:invoke_iii,d:invoke_iiii,k:invoke_iiiii,l:invoke_ji,e:invoke_v,f:invoke_vi,h:invoke_vii,j:invoke_viii,i:invoke_viiii,y:invoke_viiiii,n:invoke_viiiiiiiiiiiii,v:_proc_exit};function invoke_iii(index,a1,a2){var sp=stackSave();try{return getWasmTableEntry(index)(a1,a2)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_ii(index,a1){var sp=stackSave();try{return getWasmTableEntry(index)(a1)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_i(index){var sp=stackSave();try{return getWasmTableEntry(index)()}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_v(index){var sp=stackSave();try{getWasmTableEntry(index)()}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_iiii(index,a1,a2,a3){var sp=stackSave();try{return getWasmTableEntry(index)(a1,a2,a3)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_viiii(index,a1,a2,a3,a4){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2,a3,a4)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_viiiiiiiiiiiii(index,a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_iiiii(index,a1,a2,a3,a4){var sp=stackSave();try{return getWasmTableEntry(index)(a1,a2,a3,a4)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_viii(index,a1,a2,a3){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2,a3)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_vi(index,a1){var sp=stackSave();try{getWasmTableEntry(index)(a1)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_vii(index,a1,a2){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_viiiii(index,a1,a2,a3,a4,a5){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2,a3,a4,a5)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_ji(index,a1){var sp=stackSave();try{return getWasmTableEntry(index)(a1)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0);return 0n}}async function run(){preRun();if(runDependencies){await resolveRunDependencies()}var setStatus=Module["setStatus"];if(setStatus){setStatus("Running...");await new Promise(resolve=>setTimeout(resolve,1));setTimeout(setStatus,1,"")}if(ABORT)return;initRuntime();Module["onRuntimeInitialized"]?.();postRun()}var wasmExports;wasmExports=await createWasm();await run();
;return Module}})();if(true){module.exports=PgQueryModule;module.exports["default"]=PgQueryModule}else {}


/***/ }),

/***/ 580:
/***/ ((__unused_webpack_module, exports) => {

"use strict";

Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.relationOf = relationOf;
exports.relationFromNames = relationFromNames;
exports.stringList = stringList;
exports.firstKey = firstKey;
exports.unwrap = unwrap;
exports.deeperThan = deeperThan;
exports.nodeOf = nodeOf;
exports.alterCommands = alterCommands;
exports.constraintOf = constraintOf;
exports.notNullColumns = notNullColumns;
exports.stringConstants = stringConstants;
exports.hasOption = hasOption;
/** A `RangeVar` (`{ schemaname?, relname }`) as a RelationName. */
function relationOf(rangeVar) {
    const rv = rangeVar;
    if (!rv?.relname)
        return undefined;
    return rv.schemaname ? { schema: rv.schemaname, name: rv.relname } : { name: rv.relname };
}
/** `[{String:{sval:'s'}},{String:{sval:'t'}}]` (or `['s', 't']`) → `{schema:'s', name:'t'}`. */
function relationFromNames(names) {
    const parts = Array.isArray(names) && names.every((n) => typeof n === 'string') ? names : stringList(names);
    if (parts.length === 0)
        return undefined;
    const name = parts[parts.length - 1];
    return parts.length > 1 ? { schema: parts[parts.length - 2], name } : { name };
}
/** The strings of a list of `String` nodes (other nodes are skipped). */
function stringList(nodes) {
    if (!Array.isArray(nodes))
        return [];
    const out = [];
    for (const n of nodes) {
        const s = n.String?.sval;
        if (s !== undefined)
            out.push(s);
    }
    return out;
}
/** The first key of an object, as Object.keys would list it, without building that list (a hot path). */
function firstKey(node) {
    for (const key in node)
        return key;
    return undefined;
}
/** The one key of a `{ Kind: {...} }` node, and its content. */
function unwrap(node) {
    if (!node || typeof node !== 'object')
        return undefined;
    const key = firstKey(node);
    if (key === undefined)
        return undefined;
    return [key, (node[key] ?? {})];
}
/**
 * Whether a parse tree nests objects and arrays more than `limit` levels deep. Iterative, so it
 * answers for any depth, where the recursive readers and rules would run out of stack.
 */
function deeperThan(tree, limit) {
    const nodes = tree !== null && typeof tree === 'object' ? [tree] : [];
    const depths = [0];
    while (nodes.length > 0) {
        const node = nodes.pop();
        const depth = depths.pop() + 1;
        for (const key in node) {
            const child = node[key];
            if (child === null || typeof child !== 'object')
                continue;
            if (depth > limit)
                return true;
            nodes.push(child);
            depths.push(depth);
        }
    }
    return false;
}
/** The content of `node` when it is a `{ kind: {...} }`, else undefined. */
function nodeOf(node, kind) {
    if (!node || typeof node !== 'object' || firstKey(node) !== kind)
        return undefined;
    return (node[kind] ?? {});
}
/** The subcommands of an AlterTableStmt. */
function alterCommands(statementNode) {
    const cmds = statementNode.cmds;
    if (!Array.isArray(cmds))
        return [];
    const out = [];
    for (const c of cmds) {
        const cmd = nodeOf(c, 'AlterTableCmd');
        if (!cmd)
            continue;
        out.push({
            subtype: String(cmd.subtype ?? ''),
            name: typeof cmd.name === 'string' ? cmd.name : undefined,
            def: cmd.def,
            missingOk: cmd.missing_ok === true,
            raw: cmd,
        });
    }
    return out;
}
/** A `Constraint` node's content (from `{Constraint:{…}}`). */
function constraintOf(def) {
    return nodeOf(def, 'Constraint');
}
/** Columns that a CHECK expression requires to be non-null (`a IS NOT NULL [AND b IS NOT NULL]`). */
function notNullColumns(expr) {
    const test = nodeOf(expr, 'NullTest');
    if (test) {
        if (test.nulltesttype !== 'IS_NOT_NULL')
            return [];
        const fields = stringList(nodeOf(test.arg, 'ColumnRef')?.fields);
        return fields.length > 0 ? [fields[fields.length - 1]] : [];
    }
    const bool = nodeOf(expr, 'BoolExpr');
    if (bool?.boolop === 'AND_EXPR' && Array.isArray(bool.args))
        return bool.args.flatMap(notNullColumns);
    return [];
}
/** Every string constant anywhere under `node` (enum literals, set_config arguments…). */
function stringConstants(node, out = []) {
    if (Array.isArray(node)) {
        for (const item of node)
            stringConstants(item, out);
    }
    else if (node && typeof node === 'object') {
        const constant = node.A_Const;
        if (constant?.sval?.sval !== undefined)
            out.push(constant.sval.sval);
        for (const value of Object.values(node))
            if (value && typeof value === 'object')
                stringConstants(value, out);
    }
    return out;
}
/** The `DefElem` options of a statement (`params` of REINDEX, `options` of VACUUM…) by name. */
function hasOption(list, name) {
    if (!Array.isArray(list))
        return false;
    return list.some((item) => {
        const def = nodeOf(item, 'DefElem');
        if (def?.defname !== name)
            return false;
        // `(CONCURRENTLY false)` turns an option off explicitly.
        const arg = def.arg;
        if (arg?.Boolean)
            return arg.Boolean.boolval === true;
        if (arg?.String?.sval !== undefined)
            return !['false', 'off', '0'].includes(arg.String.sval.toLowerCase());
        return true;
    });
}


/***/ }),

/***/ 47:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

"use strict";

Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.evaluateText = evaluateText;
exports.evaluateArray = evaluateArray;
exports.evaluateLoopQuery = evaluateLoopQuery;
exports.format = format;
/**
 * Evaluates the PL/pgSQL expressions that build dynamic SQL, when their value is fixed by the
 * migration's own text: literals, `||`, casts, `format()` (%s %I %L %%, positional `%n$`),
 * quote_ident/quote_literal/quote_nullable, concat/concat_ws, lower/upper, and variables bound to
 * constants (a CONSTANT declaration, or the variable of a loop over a literal array). Anything else
 * (a variable read at run time, a subquery, another function) is unknown: undefined, never a guess.
 */
const identifiers_ts_1 = __nccwpck_require__(692);
const sql_parser_ts_1 = __nccwpck_require__(298);
const NO_BINDINGS = new Map();
function parseExpression(expression) {
    let parsed;
    try {
        parsed = (0, sql_parser_ts_1.parseSql)(`SELECT ${expression}`);
    }
    catch {
        return undefined;
    }
    const targets = parsed.stmts?.[0]?.stmt?.SelectStmt?.targetList;
    if (parsed.stmts?.length !== 1 || targets?.length !== 1)
        return undefined;
    return targets[0]?.ResTarget?.val;
}
/** The text value of a PL/pgSQL expression, or undefined when it depends on anything not constant. */
function evaluateText(expression, bindings = NO_BINDINGS) {
    const value = evaluate(parseExpression(expression), bindings);
    return typeof value === 'string' ? value : undefined;
}
/**
 * The elements of a constant array expression (`ARRAY['a','b']`, `'{a,b}'::text[]`), or undefined.
 * Used for `FOREACH x IN ARRAY …` and `FOR x IN SELECT unnest(…)` loops.
 */
function evaluateArray(expression, bindings = NO_BINDINGS) {
    return arrayOf(parseExpression(expression), bindings);
}
/**
 * The values a `FOR x IN <query> LOOP` visits when the query only unnests a constant array or lists
 * constant VALUES: `SELECT unnest(ARRAY[…])`, `SELECT * FROM unnest(ARRAY[…]) AS t`, `VALUES ('a'), ('b')`.
 */
function evaluateLoopQuery(query, bindings = NO_BINDINGS) {
    let parsed;
    try {
        parsed = (0, sql_parser_ts_1.parseSql)(query);
    }
    catch {
        return undefined;
    }
    const select = parsed.stmts?.length === 1 ? parsed.stmts[0]?.stmt?.SelectStmt : undefined;
    if (!select || select.whereClause || select.op !== 'SETOP_NONE')
        return undefined;
    if (Array.isArray(select.valuesLists)) {
        const values = [];
        for (const row of select.valuesLists) {
            const items = row.List?.items ?? [];
            if (items.length !== 1)
                return undefined;
            const value = evaluate(items[0], bindings);
            if (value === undefined)
                return undefined;
            values.push(value);
        }
        return values;
    }
    const targets = (select.targetList ?? []);
    const from = (select.fromClause ?? []);
    if (targets.length !== 1)
        return undefined;
    const target = targets[0]?.ResTarget?.val;
    if (from.length === 0)
        return unnestOf(target, bindings);
    if (from.length !== 1 || !from[0]?.RangeFunction)
        return undefined;
    // SELECT * / SELECT t / SELECT t.x FROM unnest(…) t: one column, the array's elements.
    const functions = from[0].RangeFunction.functions;
    const call = functions?.length === 1 ? functions[0]?.List?.items?.[0] : undefined;
    if (!target?.ColumnRef)
        return undefined;
    return unnestOf(call, bindings);
}
function unnestOf(node, bindings) {
    const call = node?.FuncCall;
    if (!call || functionName(call) !== 'unnest')
        return undefined;
    const args = (call.args ?? []);
    return args.length === 1 ? arrayOf(args[0], bindings) : undefined;
}
function functionName(call) {
    const names = (call.funcname ?? []);
    const last = names[names.length - 1]?.String?.sval;
    const schema = names.length === 2 ? names[0]?.String?.sval : undefined;
    if (names.length > 2 || (schema !== undefined && schema !== 'pg_catalog'))
        return undefined;
    return last;
}
function arrayOf(node, bindings) {
    const n = node;
    if (!n)
        return undefined;
    if (n.A_ArrayExpr) {
        const values = [];
        for (const element of (n.A_ArrayExpr.elements ?? [])) {
            const value = evaluate(element, bindings);
            if (value === undefined)
                return undefined;
            values.push(value);
        }
        return values;
    }
    if (n.TypeCast) {
        const inner = n.TypeCast.arg;
        if (inner?.A_ArrayExpr)
            return arrayOf(inner, bindings);
        const literal = evaluate(inner, bindings);
        return typeof literal === 'string' ? arrayLiteral(literal) : undefined;
    }
    return undefined;
}
/** `{a,b,"c d"}` → ['a', 'b', 'c d']; undefined for nested or otherwise unusual literals. */
function arrayLiteral(text) {
    const body = /^\s*\{(.*)\}\s*$/s.exec(text)?.[1];
    if (body === undefined || body.includes('{'))
        return undefined;
    if (body.trim() === '')
        return [];
    const values = [];
    const element = /\s*(?:"((?:[^"\\]|\\.)*)"|([^,"]*?))\s*(,|$)/gy;
    let match;
    let at = 0;
    while (at <= body.length && (match = element.exec(body)) !== null) {
        if (match[1] !== undefined)
            values.push(match[1].replace(/\\(.)/g, '$1'));
        else
            values.push(match[2].toUpperCase() === 'NULL' ? null : match[2]);
        at = element.lastIndex;
        if (match[3] === '')
            break;
    }
    return at >= body.length ? values : undefined;
}
function constantOf(node) {
    if (node.isnull === true)
        return null;
    if (node.sval)
        return node.sval.sval ?? '';
    if (node.ival)
        return String(node.ival.ival ?? 0);
    if ('ival' in node)
        return '0';
    if (node.fval)
        return node.fval.fval;
    if (node.boolval)
        return node.boolval.boolval ? 'true' : 'false';
    return undefined;
}
/** A value, or undefined when not constant. */
function evaluate(node, bindings) {
    const n = node;
    if (!n)
        return undefined;
    if (n.A_Const)
        return constantOf(n.A_Const);
    if (n.TypeCast)
        return evaluate(n.TypeCast.arg, bindings);
    if (n.ColumnRef) {
        const fields = (n.ColumnRef.fields ?? []);
        const name = fields.length === 1 ? fields[0]?.String?.sval : undefined;
        return name !== undefined && bindings.has(name) ? bindings.get(name) : undefined;
    }
    if (n.A_Expr && n.A_Expr.kind === 'AEXPR_OP') {
        const name = n.A_Expr.name?.[0]?.String?.sval;
        if (name !== '||')
            return undefined;
        const left = evaluate(n.A_Expr.lexpr, bindings);
        const right = evaluate(n.A_Expr.rexpr, bindings);
        if (left === undefined || right === undefined)
            return undefined;
        return left === null || right === null ? null : left + right;
    }
    if (n.FuncCall)
        return call(n.FuncCall, bindings);
    return undefined;
}
function call(node, bindings) {
    const name = functionName(node);
    if (!name || node.agg_star || node.over)
        return undefined;
    const args = [];
    for (const arg of (node.args ?? [])) {
        const value = evaluate(arg, bindings);
        if (value === undefined)
            return undefined;
        args.push(value);
    }
    switch (name) {
        case 'format':
            return args.length >= 1 && args[0] !== null ? format(args[0], args.slice(1)) : args.length >= 1 ? null : undefined;
        case 'quote_ident':
            return args.length === 1 ? (args[0] === null ? null : (0, identifiers_ts_1.quoteIdent)(args[0])) : undefined;
        case 'quote_literal':
            return args.length === 1 ? (args[0] === null ? null : quoteLiteralLikePg(args[0])) : undefined;
        case 'quote_nullable':
            return args.length === 1 ? (args[0] === null ? 'NULL' : quoteLiteralLikePg(args[0])) : undefined;
        case 'concat':
            return args.map((a) => a ?? '').join('');
        case 'concat_ws':
            return args.length >= 1 && args[0] !== null ? args.slice(1).filter((a) => a !== null).join(args[0]) : undefined;
        case 'lower':
            return args.length === 1 ? (args[0]?.toLowerCase() ?? null) : undefined;
        case 'upper':
            return args.length === 1 ? (args[0]?.toUpperCase() ?? null) : undefined;
        default:
            return undefined;
    }
}
/** quote_literal: doubled quotes, and an E'' string with doubled backslashes when there are any. */
function quoteLiteralLikePg(value) {
    const quoted = value.replaceAll("'", "''");
    return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}
/**
 * PostgreSQL's format(): %s, %I, %L and %%, with an optional `n$` position; width flags make the
 * result unknown (rare in migrations, and a wrong guess is worse than none).
 */
function format(template, args) {
    let out = '';
    let next = 0;
    const spec = /%(?:(\d+)\$)?([sIL%])?/g;
    let last = 0;
    let match;
    while ((match = spec.exec(template)) !== null) {
        out += template.slice(last, match.index);
        last = spec.lastIndex;
        const [, position, type] = match;
        if (type === undefined)
            return undefined;
        if (type === '%') {
            if (position !== undefined)
                return undefined;
            out += '%';
            continue;
        }
        const index = position !== undefined ? Number(position) - 1 : next;
        if (index < 0 || index >= args.length)
            return undefined;
        next = index + 1;
        const value = args[index];
        if (type === 's')
            out += value ?? '';
        else if (type === 'I') {
            if (value === null)
                return undefined; // PostgreSQL raises an error
            out += (0, identifiers_ts_1.quoteIdent)(value);
        }
        else
            out += value === null ? 'NULL' : quoteLiteralLikePg(value);
    }
    return out + template.slice(last);
}


/***/ }),

/***/ 459:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

"use strict";

Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.expandDoBlock = expandDoBlock;
/**
 * DO blocks run at migration time, so the SQL inside them takes the same locks as SQL outside. We
 * parse the body with PL/pgSQL's own parser and lift out what it executes: plain SQL statements,
 * PERFORM, CALL and nested DO, COMMIT/ROLLBACK, and `EXECUTE` of text the migration fixes (literals,
 * `||`, format(), constants, loops over literal arrays: see constant-sql.ts). An EXECUTE whose text
 * is known only at run time becomes a `DynamicSql` pseudo-statement, reported by the dynamic-sql rule.
 */
const ast_ts_1 = __nccwpck_require__(580);
const positions_ts_1 = __nccwpck_require__(900);
const split_ts_1 = __nccwpck_require__(556);
const statements_ts_1 = __nccwpck_require__(172);
const constant_sql_ts_1 = __nccwpck_require__(47);
const sql_parser_ts_1 = __nccwpck_require__(298);
/** Most loop iterations unrolled per DO block: enough for any list a person writes out. */
const MAX_UNROLLED = 1000;
function expressionOf(node) {
    const expr = node?.PLpgSQL_expr;
    return expr?.query;
}
/** The name a loop assigns to (`FOR x IN …`: x), or undefined for records and several targets. */
function loopVariable(node, walk) {
    if (typeof node.varno === 'number')
        return walk.names[node.varno];
    const target = node.var;
    if (target?.PLpgSQL_var?.refname)
        return target.PLpgSQL_var.refname;
    const fields = target?.PLpgSQL_row?.fields;
    return fields?.length === 1 ? fields[0].name : undefined;
}
function without(bindings, name) {
    if (name === undefined || !bindings.has(name))
        return bindings;
    const next = new Map(bindings);
    next.delete(name);
    return next;
}
/** The values a constant loop visits, or undefined when they are known only at run time. */
function loopValues(key, node, bindings) {
    if (key === 'PLpgSQL_stmt_foreach_a') {
        const query = expressionOf(node.expr);
        return query !== undefined && !node.slice ? (0, constant_sql_ts_1.evaluateArray)(query, bindings) : undefined;
    }
    if (key === 'PLpgSQL_stmt_fors') {
        const query = expressionOf(node.query);
        return query !== undefined ? (0, constant_sql_ts_1.evaluateLoopQuery)(query, bindings) : undefined;
    }
    if (key === 'PLpgSQL_stmt_fori') {
        const bound = (expr) => {
            const text = expressionOf(expr);
            const value = text === undefined ? undefined : (0, constant_sql_ts_1.evaluateText)(text, bindings);
            return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
        };
        const lower = bound(node.lower);
        const upper = bound(node.upper);
        const step = node.step === undefined ? 1 : bound(node.step);
        if (lower === undefined || upper === undefined || step === undefined || step <= 0)
            return undefined;
        if (Math.abs(upper - lower) / step > MAX_UNROLLED)
            return undefined;
        const values = [];
        if (node.reverse)
            for (let i = lower; i >= upper; i -= step)
                values.push(String(i));
        else
            for (let i = lower; i <= upper; i += step)
                values.push(String(i));
        return values;
    }
    return undefined;
}
const LOOPS = new Set(['PLpgSQL_stmt_foreach_a', 'PLpgSQL_stmt_fors', 'PLpgSQL_stmt_fori']);
/**
 * Walks the PL/pgSQL tree in execution order. A loop over constant values is unrolled for the
 * dynamic SQL in its body (each iteration's EXECUTE text is known); its static SQL is the same
 * statement each time and is listed once (`repeat` is set for the later iterations).
 */
function collect(node, walk, bindings, repeat) {
    if (Array.isArray(node)) {
        for (const item of node)
            collect(item, walk, bindings, repeat);
        return;
    }
    if (node === null || typeof node !== 'object')
        return;
    const { out } = walk;
    for (const [key, value] of Object.entries(node)) {
        const v = value;
        const lineno = typeof v?.lineno === 'number' ? v.lineno : 1;
        if (key === 'PLpgSQL_stmt_execsql' || key === 'PLpgSQL_stmt_call') {
            // CALL and DO inside PL/pgSQL are "call" statements: their text is SQL like any other.
            const query = expressionOf(key === 'PLpgSQL_stmt_call' ? v.expr : v.sqlstmt);
            if (query && !repeat)
                out.push({ type: 'sql', query, lineno, needle: query });
        }
        else if (key === 'PLpgSQL_stmt_perform') {
            // PERFORM x is run as SELECT x; the parser hands back the rewritten text.
            const query = expressionOf(v.expr);
            if (query && !repeat)
                out.push({ type: 'sql', query, lineno, needle: query.replace(/^SELECT\s+/i, '') });
        }
        else if (key === 'PLpgSQL_stmt_dynexecute' || key === 'PLpgSQL_stmt_dynfors') {
            const expression = expressionOf(v.query);
            if (expression)
                out.push({ type: 'execute', expression, lineno, bindings });
            if (key === 'PLpgSQL_stmt_dynfors')
                collect(v.body, walk, without(bindings, loopVariable(v, walk)), repeat);
        }
        else if (key === 'PLpgSQL_stmt_commit' || key === 'PLpgSQL_stmt_rollback') {
            if (!repeat)
                out.push({ type: 'transaction', kind: key === 'PLpgSQL_stmt_commit' ? 'TRANS_STMT_COMMIT' : 'TRANS_STMT_ROLLBACK', lineno });
        }
        else if (LOOPS.has(key)) {
            const name = loopVariable(v, walk);
            const values = name === undefined ? undefined : loopValues(key, v, bindings);
            if (name === undefined || values === undefined || values.length === 0 || values.length > walk.budget) {
                collect(v.body, walk, without(bindings, name), repeat);
                continue;
            }
            walk.budget -= values.length;
            values.forEach((loopValue, i) => {
                collect(v.body, walk, new Map(bindings).set(name, loopValue), repeat || i > 0);
            });
        }
        else if (key !== 'datums') {
            collect(value, walk, bindings, repeat);
        }
    }
}
/** Every variable number the body assigns to (`x := …`, INTO, loop targets). */
function assignedVariables(node, out) {
    if (Array.isArray(node)) {
        for (const item of node)
            assignedVariables(item, out);
    }
    else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
            if (key === 'varno' && typeof value === 'number')
                out.add(value);
            else if (key !== 'datums')
                assignedVariables(value, out);
        }
    }
    return out;
}
/**
 * Variables whose value is fixed by their declaration: `CONSTANT`, or a constant default the body
 * never assigns to. A name declared twice (in nested blocks) is left unknown.
 */
function constantBindings(datums, action) {
    const assigned = assignedVariables(action, new Set());
    const counts = new Map();
    for (const datum of datums) {
        const name = datum.PLpgSQL_var?.refname ?? datum.PLpgSQL_rec?.refname ?? datum.PLpgSQL_row?.refname;
        if (name)
            counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const bindings = new Map();
    datums.forEach((datum, varno) => {
        const v = datum.PLpgSQL_var;
        const initial = expressionOf(v?.default_val);
        if (!v?.refname || initial === undefined || counts.get(v.refname) !== 1)
            return;
        if (!v.isconst && assigned.has(varno))
            return;
        const value = (0, constant_sql_ts_1.evaluateText)(initial, bindings);
        if (value !== undefined)
            bindings.set(v.refname, value);
    });
    return bindings;
}
/** Where the content of a string literal starts, relative to the literal's first character. */
function literalContentStart(literal) {
    if (literal.startsWith("'"))
        return 1;
    if (/^[eE]'/.test(literal))
        return 2;
    const tag = (0, split_ts_1.dollarTagAt)(literal, 0);
    return tag ? tag.length : 0;
}
function wrapForPlpgsql(body) {
    let tag = '$faultline_do$';
    for (let n = 1; body.includes(tag); n++)
        tag = `$faultline_do${n}$`;
    return `CREATE FUNCTION faultline_do_block() RETURNS void LANGUAGE plpgsql AS ${tag}${body}${tag}`;
}
/**
 * Expands a DO statement into the statements it runs, or returns undefined when it is not
 * PL/pgSQL (other languages are opaque). A body that does not compile becomes a SyntaxError.
 */
function expandDoBlock(source, host, node, at, depth) {
    const args = (node.args ?? []).map((a) => a.DefElem ?? {});
    const language = args.find((a) => a.defname === 'language')?.arg?.String?.sval ?? 'plpgsql';
    const bodyElem = args.find((a) => a.defname === 'as');
    const body = bodyElem?.arg?.String?.sval;
    if (language.toLowerCase() !== 'plpgsql' || body === undefined)
        return undefined;
    const doFileOffset = host.toFile(at.start);
    const doBlock = host.doBlock ?? { ...source.lines.position(doFileOffset), offset: doFileOffset };
    // Body text maps 1:1 onto the host when dollar-quoted; for '…' literals escapes may shift it a little.
    let bodyHostStart = at.start;
    if (bodyElem?.location !== undefined) {
        const literalStart = at.toChar(bodyElem.location);
        bodyHostStart = literalStart + literalContentStart(host.sql.slice(literalStart, literalStart + 80));
    }
    const bodyToFile = (i) => host.toFile(Math.min(bodyHostStart + i, host.sql.length));
    let tree;
    try {
        tree = (0, sql_parser_ts_1.parsePlpgsql)(wrapForPlpgsql(body));
    }
    catch (error) {
        const { message } = (0, sql_parser_ts_1.parserError)(error);
        const near = /at or near "(.+)"$/.exec(message)?.[1];
        const nearAt = near === undefined ? -1 : body.indexOf(near);
        const errorAt = nearAt === -1 ? doFileOffset : bodyToFile(nearAt);
        return [(0, statements_ts_1.syntaxErrorStatement)(source, at.text, doFileOffset, `in DO block: ${message}`, errorAt, doBlock)];
    }
    if (body.length > statements_ts_1.DEPTH_CHECK_CHARS && (0, ast_ts_1.deeperThan)(tree, sql_parser_ts_1.MAX_TREE_DEPTH))
        return [(0, statements_ts_1.syntaxErrorStatement)(source, at.text, doFileOffset, `in DO block: ${sql_parser_ts_1.TOO_DEEP}`, doFileOffset, doBlock)];
    const fn = tree.plpgsql_funcs?.[0]?.PLpgSQL_function;
    const datums = fn?.datums ?? [];
    const walk = {
        out: [],
        names: datums.map((d) => d.PLpgSQL_var?.refname ?? d.PLpgSQL_rec?.refname ?? d.PLpgSQL_row?.refname ?? ''),
        budget: MAX_UNROLLED,
    };
    collect(fn?.action, walk, constantBindings(datums, fn?.action), false);
    const items = walk.out;
    const bodyLines = new positions_ts_1.LineIndex(body);
    const out = [];
    let cursor = 0;
    const locate = (needle, lineno) => {
        const lineStart = bodyLines.lineStart(lineno);
        const nextLine = lineno < bodyLines.lineCount ? bodyLines.lineStart(lineno + 1) : body.length + 1;
        const from = cursor >= lineStart && cursor < nextLine ? cursor : lineStart;
        let found = body.indexOf(needle, from);
        if (found === -1)
            found = body.indexOf(needle);
        if (found === -1)
            found = lineStart + (/^\s*/.exec(body.slice(lineStart))?.[0].length ?? 0);
        else
            cursor = found + needle.length;
        return found;
    };
    for (const item of items) {
        if (item.type === 'transaction') {
            const keyword = item.kind === 'TRANS_STMT_COMMIT' ? 'COMMIT' : 'ROLLBACK';
            const at = locate(keyword, item.lineno);
            out.push((0, statements_ts_1.makeStatement)(source, { TransactionStmt: { kind: item.kind } }, keyword, bodyToFile(at), doBlock));
            continue;
        }
        if (item.type === 'sql') {
            const at = locate(item.needle, item.lineno);
            const exact = body.startsWith(item.query, at);
            const inner = { sql: item.query, toFile: (i) => bodyToFile(exact ? at + i : at), doBlock };
            parseInner(source, inner, depth, out, bodyToFile(at));
            continue;
        }
        const value = (0, constant_sql_ts_1.evaluateText)(item.expression, item.bindings);
        const at = locate(item.expression, item.lineno);
        if (value === undefined || value === null) {
            const node = { expression: item.expression, reason: 'built at run time' };
            out.push((0, statements_ts_1.makeStatement)(source, { [statements_ts_1.DYNAMIC_SQL_KIND]: node }, `EXECUTE ${item.expression}`, bodyToFile(at), doBlock));
            continue;
        }
        // A single literal maps character by character; a concatenation maps to the expression.
        const single = /^([eE]?'|\$)/.test(item.expression) && !item.expression.includes('||');
        const contentAt = at + (single ? literalContentStart(item.expression) : 0);
        const inner = { sql: value, toFile: (i) => bodyToFile(single ? contentAt + i : at), doBlock };
        parseInner(source, inner, depth, out, bodyToFile(at));
    }
    return out;
}
function parseInner(source, host, depth, out, fileOffset) {
    try {
        (0, statements_ts_1.parseHost)(source, host, depth + 1, out);
    }
    catch (error) {
        const { message } = (0, sql_parser_ts_1.parserError)(error);
        out.push((0, statements_ts_1.syntaxErrorStatement)(source, host.sql, fileOffset, `in DO block: ${message}`, fileOffset, host.doBlock));
    }
}


/***/ }),

/***/ 692:
/***/ ((__unused_webpack_module, exports) => {

"use strict";

Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.quoteIdent = quoteIdent;
exports.relationSql = relationSql;
exports.quoteLiteral = quoteLiteral;
exports.derivedName = derivedName;
// Reserved words (PostgreSQL's keywords with category "reserved" or "reserved, can be function or
// type"): a bare identifier equal to one of these does not parse, so it has to be quoted.
const RESERVED = new Set(('all analyse analyze and any array as asc asymmetric authorization binary both case cast check ' +
    'collate collation column concurrently constraint create cross current_catalog current_date ' +
    'current_role current_schema current_time current_timestamp current_user default deferrable ' +
    'desc distinct do else end except false fetch for foreign freeze from full grant group having ' +
    'ilike in initially inner intersect into is isnull join lateral leading left like limit ' +
    'localtime localtimestamp natural not notnull null offset on only or order outer overlaps ' +
    'placing primary references returning right select session_user similar some symmetric ' +
    'system_user table tablesample then to trailing true union unique user using variadic verbose ' +
    'when where window with').split(' '));
/** Quotes an identifier only when PostgreSQL would otherwise fold or reject it. */
function quoteIdent(name) {
    if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name))
        return name;
    return `"${name.replaceAll('"', '""')}"`;
}
/** `schema.table` (or `table`) as SQL. */
function relationSql(relation) {
    return relation.schema
        ? `${quoteIdent(relation.schema)}.${quoteIdent(relation.name)}`
        : quoteIdent(relation.name);
}
/** A SQL string literal. */
function quoteLiteral(value) {
    return `'${value.replaceAll("'", "''")}'`;
}
/**
 * A name derived from others (an index or constraint name), cut to PostgreSQL's 63-byte limit so
 * the suggested SQL does not silently create a truncated name.
 */
function derivedName(...parts) {
    let name = parts.join('_');
    while (Buffer.byteLength(name, 'utf8') > 63)
        name = name.slice(0, -1);
    return name;
}


/***/ }),

/***/ 104:
/***/ ((__unused_webpack_module, exports) => {

"use strict";

Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.AHEAD_LIMIT = exports.HELPER_GONE = exports.HELPER_READY = exports.HELPER_STARTING = exports.SLOTS = exports.POSTED = exports.LINTED = exports.NEXT = void 0;
/** The next chunk nobody has claimed yet. */
exports.NEXT = 0;
/** Chunks the linting thread has taken (the helper's back-pressure). */
exports.LINTED = 1;
/** Results the helper has posted (what the linting thread sleeps on). */
exports.POSTED = 2;
exports.SLOTS = 3;
/** The helper's status, in a one-slot Int32Array passed as `workerData.status`. */
exports.HELPER_STARTING = 0;
exports.HELPER_READY = 1;
/** Failed unexpectedly: the linting thread parses everything itself from now on. */
exports.HELPER_GONE = 2;
/** How many chunks the helper may parse ahead of the linting: memory stays bounded. */
exports.AHEAD_LIMIT = 16;


/***/ }),

/***/ 900:
/***/ ((__unused_webpack_module, exports) => {

"use strict";

/**
 * Offsets in three units meet here: the parser reports UTF-8 byte offsets (statement locations) and
 * code-point offsets (error cursors), JavaScript strings index UTF-16 code units, and people read
 * 1-based lines and columns. Columns are counted in UTF-16 code units, as SARIF and editors do.
 */
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.LineIndex = void 0;
exports.byteToCharMapper = byteToCharMapper;
exports.codePointToChar = codePointToChar;
exports.utf8Length = utf8Length;
/** Maps character offsets of one text to 1-based line and column (binary search over line starts). */
class LineIndex {
    starts;
    constructor(text) {
        const starts = [0];
        let i = text.indexOf('\n');
        while (i !== -1) {
            starts.push(i + 1);
            i = text.indexOf('\n', i + 1);
        }
        this.starts = starts;
    }
    position(offset) {
        const starts = this.starts;
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { line: lo + 1, column: offset - starts[lo] + 1 };
    }
    /** Character offset where a 1-based line starts (clamped to the text). */
    lineStart(line) {
        const index = Math.min(Math.max(line, 1), this.starts.length) - 1;
        return this.starts[index];
    }
    get lineCount() {
        return this.starts.length;
    }
}
exports.LineIndex = LineIndex;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
/** How often the byte-to-char walk leaves a mark to resume from (in characters). */
const MARK_EVERY = 512;
/**
 * Returns a function converting UTF-8 byte offsets of `text` to character offsets. Offsets are
 * mostly asked for in increasing order, so it walks forward from the last answer; an earlier offset
 * (a rule asking where a node inside the statement is) resumes from the nearest mark before it
 * rather than from the start: a chunk is up to 128 KiB, and restarting there for every node made
 * non-ASCII files quadratic.
 */
function byteToCharMapper(text) {
    if (ASCII_ONLY.test(text))
        return (byteOffset) => byteOffset;
    let bytes = 0;
    let chars = 0;
    // markBytes[i], markChars[i]: a position the walk passed, every MARK_EVERY characters or so.
    const markBytes = [0];
    const markChars = [0];
    return (byteOffset) => {
        // Marks lie behind the walk, so only an offset behind it needs one: the nearest at or before it.
        if (byteOffset < bytes) {
            let lo = 0;
            let hi = markBytes.length - 1;
            while (lo < hi) {
                const mid = (lo + hi + 1) >> 1;
                if (markBytes[mid] <= byteOffset)
                    lo = mid;
                else
                    hi = mid - 1;
            }
            bytes = markBytes[lo];
            chars = markChars[lo];
        }
        while (bytes < byteOffset && chars < text.length) {
            const code = text.charCodeAt(chars);
            if (code < 0x80) {
                bytes += 1;
                chars += 1;
            }
            else if (code < 0x800) {
                bytes += 2;
                chars += 1;
            }
            else if (code >= 0xd800 && code <= 0xdbff) {
                bytes += 4;
                chars += 2;
            }
            else {
                bytes += 3;
                chars += 1;
            }
            if (chars >= markChars[markChars.length - 1] + MARK_EVERY) {
                markBytes.push(bytes);
                markChars.push(chars);
            }
        }
        return chars;
    };
}
/** Converts a code-point offset (the parser's error cursor) into a character offset of `text`. */
function codePointToChar(text, codePoints) {
    let chars = 0;
    for (let seen = 0; seen < codePoints && chars < text.length; seen++) {
        const code = text.charCodeAt(chars);
        chars += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
    return chars;
}
/** Length of a string in UTF-8 bytes (identifier limits are in bytes). */
function utf8Length(text) {
    return Buffer.byteLength(text, 'utf8');
}


/***/ }),

/***/ 556:
/***/ ((__unused_webpack_module, exports) => {

"use strict";

/**
 * A small SQL lexer that finds top-level statement boundaries and comments without building any
 * tree, so a file of any size can be handed to the real parser a bounded chunk at a time. It knows
 * exactly what PostgreSQL's scanner knows about where a `;` cannot end a statement: quotes,
 * dollar quotes, nested block comments, parentheses and `BEGIN ATOMIC … END` function bodies
 * (tracked the way psql does). The parser has the final word on statement boundaries; this only
 * picks safe places to cut.
 */
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.dollarTagAt = dollarTagAt;
exports.skipTrivia = skipTrivia;
exports.splitStatements = splitStatements;
exports.identifierTokens = identifierTokens;
/** At most how many UTF-8 bytes `text[from, to)` takes: one a unit when ASCII, else three. */
function utf8BytesBound(text, from, to) {
    for (let i = from; i < to; i++)
        if (text.charCodeAt(i) >= 128)
            return 3 * (to - from);
    return to - from;
}
const SEMICOLON = 59;
const QUOTE = 39;
const DQUOTE = 34;
const DOLLAR = 36;
const DASH = 45;
const SLASH = 47;
const STAR = 42;
const LPAREN = 40;
const RPAREN = 41;
const BACKSLASH = 92;
function isIdentStart(code) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code >= 128;
}
function isIdentChar(code) {
    return isIdentStart(code) || (code >= 48 && code <= 57) || code === DOLLAR;
}
function isSpace(code) {
    return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}
/** Index just past a `--` comment starting at `i` (stops before the newline). */
function skipLineComment(text, i) {
    const nl = text.indexOf('\n', i);
    return nl === -1 ? text.length : nl;
}
/** Index just past a (nested) block comment starting at `i`; the end of text when unterminated. */
function skipBlockComment(text, i) {
    let depth = 0;
    const n = text.length;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
            depth++;
            i += 2;
        }
        else if (c === STAR && text.charCodeAt(i + 1) === SLASH) {
            depth--;
            i += 2;
            if (depth === 0)
                return i;
        }
        else {
            i++;
        }
    }
    return n;
}
/** Index just past a quoted string/identifier opened at `i`; `backslash` for E'…' strings. */
function skipQuoted(text, i, quote, backslash) {
    const n = text.length;
    i++;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (backslash && c === BACKSLASH) {
            i += 2;
        }
        else if (c === quote) {
            if (text.charCodeAt(i + 1) === quote)
                i += 2;
            else
                return i + 1;
        }
        else {
            i++;
        }
    }
    return n;
}
/** The `$tag$` opening at `i`, or undefined when `$` starts no dollar quote (e.g. `$1`). */
function dollarTagAt(text, i) {
    let j = i + 1;
    const first = text.charCodeAt(j);
    if (first === DOLLAR)
        return '$$';
    if (!isIdentStart(first))
        return undefined;
    j++;
    while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === DOLLAR)
            return text.slice(i, j + 1);
        if (!isIdentChar(c) || c === DOLLAR)
            return undefined;
        j++;
    }
    return undefined;
}
/** Skips whitespace and comments from `i`; returns the index of the next token (or the end). */
function skipTrivia(text, i, end = text.length) {
    while (i < end) {
        const c = text.charCodeAt(i);
        if (isSpace(c))
            i++;
        else if (c === DASH && text.charCodeAt(i + 1) === DASH)
            i = skipLineComment(text, i);
        else if (c === SLASH && text.charCodeAt(i + 1) === STAR)
            i = skipBlockComment(text, i);
        else
            return i;
    }
    return end;
}
/**
 * Tracks the first words of a statement to recognise `CREATE [OR REPLACE] FUNCTION|PROCEDURE`,
 * whose SQL-standard body (`BEGIN ATOMIC … END`) contains semicolons that do not end it.
 */
class RoutineBodyTracker {
    words = [];
    beginDepth = 0;
    routine = false;
    reset() {
        this.words.length = 0;
        this.beginDepth = 0;
        this.routine = false;
    }
    /** Whether the next word matters: one of the first four, or any word of a routine. */
    get listening() {
        return this.routine || this.words.length < 4;
    }
    isRoutine() {
        const w = this.words;
        if (w[0] !== 'create')
            return false;
        if (w[1] === 'function' || w[1] === 'procedure')
            return true;
        return w[1] === 'or' && w[2] === 'replace' && (w[3] === 'function' || w[3] === 'procedure');
    }
    word(lower) {
        if (this.words.length < 4) {
            this.words.push(lower);
            this.routine = this.isRoutine();
        }
        if (!this.routine)
            return;
        if (lower === 'begin')
            this.beginDepth++;
        else if (lower === 'case' && this.beginDepth > 0)
            this.beginDepth++;
        else if (lower === 'end' && this.beginDepth > 0)
            this.beginDepth--;
    }
}
/** Splits SQL text into top-level statements and collects its `--` comments. */
function splitStatements(text) {
    const segments = [];
    const comments = [];
    const routine = new RoutineBodyTracker();
    const n = text.length;
    let i = 0;
    let start = -1;
    let parens = 0;
    let longestNameBytes = 0;
    const finish = (end) => {
        if (start !== -1)
            segments.push({ start, end, firstWord: routine.words[0] ?? '' });
        start = -1;
        parens = 0;
        routine.reset();
    };
    while (i < n) {
        const c = text.charCodeAt(i);
        if (isSpace(c)) {
            i++;
            continue;
        }
        if (c === DASH && text.charCodeAt(i + 1) === DASH) {
            const end = skipLineComment(text, i);
            comments.push({ start: i, text: text.slice(i + 2, end).replace(/\r$/, '') });
            i = end;
            continue;
        }
        if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
            i = skipBlockComment(text, i);
            continue;
        }
        if (c === SEMICOLON) {
            if (parens === 0 && routine.beginDepth === 0)
                finish(i + 1);
            i++;
            continue;
        }
        if (start === -1)
            start = i;
        if (c === QUOTE) {
            i = skipQuoted(text, i, QUOTE, false);
        }
        else if (c === DQUOTE) {
            const end = skipQuoted(text, i, DQUOTE, false);
            longestNameBytes = Math.max(longestNameBytes, utf8BytesBound(text, i + 1, end - 1));
            i = end;
        }
        else if (c === DOLLAR) {
            const tag = dollarTagAt(text, i);
            if (tag) {
                const close = text.indexOf(tag, i + tag.length);
                i = close === -1 ? n : close + tag.length;
            }
            else {
                i++;
                while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)
                    i++;
            }
        }
        else if (c === LPAREN) {
            parens++;
            i++;
        }
        else if (c === RPAREN) {
            if (parens > 0)
                parens--;
            i++;
        }
        else if (isIdentStart(c)) {
            let j = i + 1;
            while (j < n && isIdentChar(text.charCodeAt(j)))
                j++;
            // E'…' (and e'…') strings honour backslash escapes; U&'…' and B'…' / X'…' do not.
            if (j === i + 1 && (c === 69 || c === 101) && text.charCodeAt(j) === QUOTE) {
                i = skipQuoted(text, j, QUOTE, true);
                continue;
            }
            if (j - i > longestNameBytes / 3)
                longestNameBytes = Math.max(longestNameBytes, utf8BytesBound(text, i, j));
            // Only short words matter (create/or/replace/function/procedure/begin/case/end/do).
            if (routine.listening)
                routine.word(j - i <= 9 ? text.slice(i, j).toLowerCase() : '');
            i = j;
        }
        else {
            i++;
        }
    }
    finish(n);
    return { segments, comments, longestNameBytes };
}
/**
 * Every identifier token of a statement of at least `minLength` characters, untruncated. (The
 * parser truncates identifiers to 63 bytes as it scans, so checks on their length must read the
 * text.) Shorter tokens are skipped before anything is allocated for them.
 */
function identifierTokens(text, minLength = 0) {
    const out = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (c === DASH && text.charCodeAt(i + 1) === DASH)
            i = skipLineComment(text, i);
        else if (c === SLASH && text.charCodeAt(i + 1) === STAR)
            i = skipBlockComment(text, i);
        else if (c === QUOTE)
            i = skipQuoted(text, i, QUOTE, false);
        else if (c === DQUOTE) {
            const end = skipQuoted(text, i, DQUOTE, false);
            // The raw text is at least as long as the name ("" stands for one ").
            if (end - i - 2 >= minLength) {
                const name = text.slice(i + 1, end - 1).replaceAll('""', '"');
                if (name.length >= minLength)
                    out.push({ name, offset: i });
            }
            i = end;
        }
        else if (c === DOLLAR) {
            const tag = dollarTagAt(text, i);
            if (tag) {
                const close = text.indexOf(tag, i + tag.length);
                i = close === -1 ? n : close + tag.length;
            }
            else
                i++;
        }
        else if (isIdentStart(c)) {
            let j = i + 1;
            while (j < n && isIdentChar(text.charCodeAt(j)))
                j++;
            if (j === i + 1 && (c === 69 || c === 101) && text.charCodeAt(j) === QUOTE) {
                i = skipQuoted(text, j, QUOTE, true);
                continue;
            }
            if (text.charCodeAt(j) === QUOTE && j - i <= 2) {
                // U&'…', B'…', X'…', N'…' literals: not identifiers.
                i = skipQuoted(text, j, QUOTE, false);
                continue;
            }
            if (j - i >= minLength)
                out.push({ name: text.slice(i, j).toLowerCase(), offset: i });
            i = j;
        }
        else if (c >= 48 && c <= 57) {
            // Numbers (and their exponent letters) are not identifiers.
            let j = i + 1;
            while (j < n && isIdentChar(text.charCodeAt(j)))
                j++;
            i = j;
        }
        else
            i++;
    }
    return out;
}


/***/ }),

/***/ 298:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

"use strict";

Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.TOO_DEEP = exports.MAX_TREE_DEPTH = void 0;
exports.loadParser = loadParser;
exports.isParserLoaded = isParserLoaded;
exports.parserError = parserError;
exports.usePrepared = usePrepared;
exports.recordParses = recordParses;
exports.parseSql = parseSql;
exports.parseSqlJson = parseSqlJson;
exports.parsePlpgsql = parsePlpgsql;
/**
 * The one door to libpg-query's parsers. The parse-ahead thread (parse-helper.ts) may already have
 * parsed some of the texts this thread is about to parse, such as the bodies of DO blocks: it hands
 * over what the parser answered, and `usePrepared` makes the calls below return that instead of
 * parsing again. The answer is the parser's own either way, so findings never depend on which thread
 * parsed what.
 */
const node_v8_1 = __nccwpck_require__(877);
const libpg_query_1 = __nccwpck_require__(627);
let loading;
let ready = false;
/**
 * The parser's WebAssembly holds PostgreSQL's generated grammar, one ~100 KB function. Once it is
 * hot (a few thousand statements), V8 recompiles it with TurboFan: 500 ms of a second core and
 * 600 MB of compiler memory (seen with --trace-wasm-compilation-times), for a speed-up the compile
 * never pays back on a migration file. `--liftoff-only` would prevent that but V8 reads it only at
 * start-up, and a GitHub Action cannot pass Node flags. The tier-up filter is read each time a
 * function asks to tier up, so setting it here works in every face: it admits one function index,
 * and no module has this many functions. Process-wide: other WebAssembly stays on baseline code too.
 */
const NO_WASM_FUNCTION = 2 ** 31 - 1;
/** Loads the parser's WebAssembly module once (in this thread); await it before parsing. */
function loadParser() {
    if (!loading) {
        (0, node_v8_1.setFlagsFromString)(`--wasm-tier-up-filter=${NO_WASM_FUNCTION}`);
        loading = (0, libpg_query_1.loadModule)().then(() => {
            ready = true;
        });
    }
    return loading;
}
function isParserLoaded() {
    return ready;
}
function parserKey(grammar, text) {
    return `${grammar}:${text}`;
}
/**
 * Parse trees are followed this many levels deep (objects and arrays of the parser's JSON: a level
 * of SQL is three or four of them). Deeper statements are refused, the same way every run, before
 * a recursive reader runs out of stack at a depth that varies with the JIT's frames.
 */
exports.MAX_TREE_DEPTH = 2_000;
/** Why a statement nested deeper than MAX_TREE_DEPTH, or than the parser's own stack, was not checked. */
exports.TOO_DEEP = 'the statement is nested too deeply to be checked (its parse tree is over 2,000 levels deep; PostgreSQL, too, stops at some depth with "stack depth limit exceeded"): split the expression or build it in steps';
/** Message and cursor (code points into the parsed text) of a libpg-query error. */
function parserError(error) {
    // A parse tree thousands of levels deep (`1+1+…`, nested IFs) exhausts the parser's stack.
    // Deep in that recursion even a regular expression can fail, with a SyntaxError saying "Stack overflow".
    if (error instanceof Error && !('sqlDetails' in error) && /maximum call stack|stack overflow/i.test(error.message))
        return { message: exports.TOO_DEEP };
    const details = error.sqlDetails;
    const message = details?.message ?? (error instanceof Error ? error.message : String(error));
    return { message, cursor: details?.cursorPosition };
}
let prepared;
let recording;
/** Runs `work` with `answers` (from the other thread) consulted before the parser. */
function usePrepared(answers, work) {
    if (!answers || answers.size === 0)
        return work();
    const outer = prepared;
    prepared = answers;
    try {
        return work();
    }
    finally {
        prepared = outer;
    }
}
/** Runs `work` and returns every parser answer it needed (added to `answers`), to hand to another thread. */
function recordParses(work, answers = new Map()) {
    const outer = recording;
    recording = answers;
    try {
        work();
    }
    finally {
        recording = outer;
    }
    return answers;
}
function replay(answer) {
    if ('json' in answer)
        return JSON.parse(answer.json);
    throw Object.assign(new Error(answer.error.message), { sqlDetails: answer.error });
}
/**
 * Runs `parser` while catching the JSON text libpg-query hands to JSON.parse, which it then either
 * parses as usual (`objects`) or not at all: the text is what crosses to another thread.
 */
function withParserJson(parse, objects) {
    const realParse = JSON.parse;
    let json;
    JSON.parse = (source) => {
        json = source;
        return objects ? realParse(source) : undefined;
    };
    try {
        return { tree: parse(), json };
    }
    finally {
        JSON.parse = realParse;
    }
}
function call(grammar, text, parser) {
    if (!prepared && !recording)
        return parser(text);
    const key = parserKey(grammar, text);
    const answer = prepared?.get(key);
    if (answer)
        return replay(answer);
    if (!recording)
        return parser(text);
    const answers = recording;
    try {
        const { tree, json } = withParserJson(() => parser(text), true);
        if (json !== undefined)
            answers.set(key, { json });
        return tree;
    }
    catch (error) {
        const { message, cursor } = parserError(error);
        answers.set(key, { error: cursor === undefined ? { message } : { message, cursorPosition: cursor } });
        throw error;
    }
}
/** `parseSync`: the parse tree of SQL text, or the parser's error. */
function parseSql(text) {
    return call('sql', text, libpg_query_1.parseSync);
}
/**
 * The parser's JSON for SQL text, not turned into objects: the cheapest form to send to another
 * thread. Throws the parser's error.
 */
function parseSqlJson(text) {
    return withParserJson(() => (0, libpg_query_1.parseSync)(text), false).json ?? '';
}
/** `parsePlPgSQLSync`: the PL/pgSQL tree of a `CREATE FUNCTION … LANGUAGE plpgsql`, or the error. */
function parsePlpgsql(text) {
    return call('plpgsql', text, libpg_query_1.parsePlPgSQLSync);
}


/***/ }),

/***/ 172:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

"use strict";

Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.MAX_DO_DEPTH = exports.DEPTH_CHECK_CHARS = exports.DYNAMIC_SQL_KIND = exports.SYNTAX_ERROR_KIND = void 0;
exports.nodeKind = nodeKind;
exports.makeStatement = makeStatement;
exports.syntaxErrorStatement = syntaxErrorStatement;
exports.parseHost = parseHost;
/**
 * Builds Statement objects from parsed SQL that sits somewhere in a migration file: directly in
 * the file, or inside a DO block or an `EXECUTE '…'` string. `hostToFile` maps a character offset of
 * the parsed text back to the file, so every statement gets the line and column a person would look at.
 */
const ast_ts_1 = __nccwpck_require__(580);
const do_block_ts_1 = __nccwpck_require__(459);
const positions_ts_1 = __nccwpck_require__(900);
const split_ts_1 = __nccwpck_require__(556);
const sql_parser_ts_1 = __nccwpck_require__(298);
/** Kind of the pseudo-statement standing for text the parser rejected. */
exports.SYNTAX_ERROR_KIND = 'SyntaxError';
/** Kind of the pseudo-statement standing for SQL executed dynamically whose text cannot be known. */
exports.DYNAMIC_SQL_KIND = 'DynamicSql';
/**
 * No SQL adds more than two tree levels a character (`- - -1`, `f(f(f(1)))` add one or two), so a
 * statement this short cannot be too deep: nearly all are not walked for their depth.
 */
exports.DEPTH_CHECK_CHARS = sql_parser_ts_1.MAX_TREE_DEPTH / 4;
/** How deep DO blocks (a DO in a DO, or in an EXECUTE in a DO) are followed. */
exports.MAX_DO_DEPTH = 32;
/** `{ IndexStmt: {...} }` → `['IndexStmt', {...}]`. */
function nodeKind(node) {
    const kind = (0, ast_ts_1.firstKey)(node) ?? 'Unknown';
    return [kind, (node[kind] ?? {})];
}
function makeStatement(source, node, text, fileOffset, doBlock) {
    const [kind, inner] = nodeKind(node);
    const { line, column } = source.lines.position(fileOffset);
    const statement = { node: inner, kind, text, path: source.path, line, column, offset: fileOffset, index: 0 };
    if (doBlock) {
        statement.fromDoBlock = true;
        statement.doBlock = doBlock;
    }
    return statement;
}
/** A `SyntaxError` pseudo-statement: the statement starts at `fileOffset`, the error at `errorOffset`. */
function syntaxErrorStatement(source, text, fileOffset, message, errorOffset, doBlock) {
    const where = source.lines.position(Math.min(errorOffset, source.text.length));
    const node = { message, line: where.line, column: where.column };
    return makeStatement(source, { [exports.SYNTAX_ERROR_KIND]: node }, text, fileOffset, doBlock);
}
/**
 * Parses `host.sql` and appends its statements to `out`, expanding DO blocks (nested DO, or DO inside
 * EXECUTE inside DO, up to MAX_DO_DEPTH; deeper ones stay DoStmt, which dynamic-sql reports). Throws the parser's error when the text does not parse. `parsed` is
 * the parser's tree of `host.sql` when another thread parsed it already (see parse-ahead.ts).
 */
function parseHost(source, host, depth, out, parsed) {
    const { sql } = host;
    const result = (parsed ?? (0, sql_parser_ts_1.parseSql)(sql));
    const toChar = (0, positions_ts_1.byteToCharMapper)(sql);
    for (const raw of result.stmts ?? []) {
        if (!raw.stmt)
            continue;
        const location = raw.stmt_location ?? 0;
        const end = raw.stmt_len ? toChar(location + raw.stmt_len) : sql.length;
        const start = (0, split_ts_1.skipTrivia)(sql, toChar(location), end);
        const text = sql.slice(start, end).trimEnd();
        if (text.length > exports.DEPTH_CHECK_CHARS && (0, ast_ts_1.deeperThan)(raw.stmt, sql_parser_ts_1.MAX_TREE_DEPTH)) {
            out.push(syntaxErrorStatement(source, text, host.toFile(start), sql_parser_ts_1.TOO_DEEP, host.toFile(start), host.doBlock));
            continue;
        }
        const [kind, inner] = nodeKind(raw.stmt);
        if (kind === 'DoStmt' && depth < exports.MAX_DO_DEPTH) {
            const expanded = (0, do_block_ts_1.expandDoBlock)(source, host, inner, { start, text, toChar }, depth);
            if (expanded) {
                out.push(...expanded);
                continue;
            }
        }
        const statement = makeStatement(source, raw.stmt, text, host.toFile(start), host.doBlock);
        statement.textAt = (location) => {
            const at = toChar(location) - start;
            return at >= 0 && at <= text.length ? at : undefined;
        };
        out.push(statement);
    }
}


/***/ }),

/***/ 598:
/***/ ((module) => {

"use strict";
module.exports = require("node:crypto");

/***/ }),

/***/ 24:
/***/ ((module) => {

"use strict";
module.exports = require("node:fs");

/***/ }),

/***/ 877:
/***/ ((module) => {

"use strict";
module.exports = require("node:v8");

/***/ }),

/***/ 919:
/***/ ((module) => {

"use strict";
module.exports = require("node:worker_threads");

/***/ }),

/***/ 627:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {

"use strict";

/**
 * DO NOT MODIFY MANUALLY — this is generated from the templates dir
 *
 * To make changes, edit the files in the templates/ directory and run:
 * npm run copy:templates
 */
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.scan = exports.normalize = exports.fingerprint = exports.parsePlPgSQL = exports.parse = exports.SqlError = void 0;
exports.hasSqlDetails = hasSqlDetails;
exports.formatSqlError = formatSqlError;
exports.loadModule = loadModule;
exports.parseSync = parseSync;
exports.parsePlPgSQLSync = parsePlPgSQLSync;
exports.fingerprintSync = fingerprintSync;
exports.normalizeSync = normalizeSync;
exports.scanSync = scanSync;
__exportStar(__nccwpck_require__(461), exports);
class SqlError extends Error {
    sqlDetails;
    constructor(message, details) {
        super(message);
        this.name = 'SqlError';
        this.sqlDetails = details;
    }
}
exports.SqlError = SqlError;
function hasSqlDetails(error) {
    return error instanceof SqlError && error.sqlDetails !== undefined;
}
function formatSqlError(error, query, options = {}) {
    const { showPosition = true, showQuery = true, color = false, maxQueryLength } = options;
    const lines = [];
    // ANSI color codes
    const red = color ? '\x1b[31m' : '';
    const yellow = color ? '\x1b[33m' : '';
    const reset = color ? '\x1b[0m' : '';
    // Add error message
    lines.push(`${red}Error: ${error.message}${reset}`);
    // Add SQL details if available
    if (error.sqlDetails) {
        const { cursorPosition, fileName, functionName, lineNumber } = error.sqlDetails;
        if (cursorPosition !== undefined && cursorPosition >= 0) {
            lines.push(`Position: ${cursorPosition}`);
        }
        if (fileName || functionName || lineNumber) {
            const details = [];
            if (fileName)
                details.push(`file: ${fileName}`);
            if (functionName)
                details.push(`function: ${functionName}`);
            if (lineNumber)
                details.push(`line: ${lineNumber}`);
            lines.push(`Source: ${details.join(', ')}`);
        }
        // Show query with position marker
        if (showQuery && showPosition && cursorPosition !== undefined && cursorPosition >= 0) {
            let displayQuery = query;
            let adjustedPosition = cursorPosition;
            // Truncate if needed
            if (maxQueryLength && query.length > maxQueryLength) {
                const start = Math.max(0, cursorPosition - Math.floor(maxQueryLength / 2));
                const end = Math.min(query.length, start + maxQueryLength);
                displayQuery = (start > 0 ? '...' : '') +
                    query.substring(start, end) +
                    (end < query.length ? '...' : '');
                // Adjust cursor position for truncation
                adjustedPosition = cursorPosition - start + (start > 0 ? 3 : 0);
            }
            lines.push(displayQuery);
            lines.push(' '.repeat(adjustedPosition) + `${yellow}^${reset}`);
        }
    }
    else if (showQuery) {
        // No SQL details, just show the query if requested
        let displayQuery = query;
        if (maxQueryLength && query.length > maxQueryLength) {
            displayQuery = query.substring(0, maxQueryLength) + '...';
        }
        lines.push(`Query: ${displayQuery}`);
    }
    return lines.join('\n');
}
// @ts-ignore
const libpg_query_js_1 = __importDefault(__nccwpck_require__(995));
let wasmModule;
const initPromise = (0, libpg_query_js_1.default)().then((module) => {
    wasmModule = module;
});
function ensureLoaded() {
    if (!wasmModule)
        throw new Error("WASM module not initialized. Call `loadModule()` first.");
}
async function loadModule() {
    if (!wasmModule) {
        await initPromise;
    }
}
function awaitInit(fn) {
    return (async (...args) => {
        await initPromise;
        return fn(...args);
    });
}
function stringToPtr(str) {
    ensureLoaded();
    if (typeof str !== 'string') {
        throw new TypeError(`Expected a string, got ${typeof str}`);
    }
    const len = wasmModule.lengthBytesUTF8(str) + 1;
    const ptr = wasmModule._malloc(len);
    try {
        wasmModule.stringToUTF8(str, ptr, len);
        return ptr;
    }
    catch (error) {
        wasmModule._free(ptr);
        throw error;
    }
}
function ptrToString(ptr) {
    ensureLoaded();
    if (typeof ptr !== 'number') {
        throw new TypeError(`Expected a number, got ${typeof ptr}`);
    }
    return wasmModule.UTF8ToString(ptr);
}
exports.parse = awaitInit(async (query) => {
    // Input validation
    if (query === null || query === undefined) {
        throw new Error('Query cannot be null or undefined');
    }
    if (query === '') {
        throw new Error('Query cannot be empty');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_parse_query_raw(queryPtr);
        if (!resultPtr) {
            throw new Error('Failed to parse query: memory allocation failed');
        }
        // Read the PgQueryParseResult struct
        const parseTreePtr = wasmModule.getValue(resultPtr, 'i32');
        const stderrBufferPtr = wasmModule.getValue(resultPtr + 4, 'i32');
        const errorPtr = wasmModule.getValue(resultPtr + 8, 'i32');
        if (errorPtr) {
            // Read PgQueryError struct
            const messagePtr = wasmModule.getValue(errorPtr, 'i32');
            const funcnamePtr = wasmModule.getValue(errorPtr + 4, 'i32');
            const filenamePtr = wasmModule.getValue(errorPtr + 8, 'i32');
            const lineno = wasmModule.getValue(errorPtr + 12, 'i32');
            const cursorpos = wasmModule.getValue(errorPtr + 16, 'i32');
            const message = messagePtr ? wasmModule.UTF8ToString(messagePtr) : 'Unknown error';
            const funcname = funcnamePtr ? wasmModule.UTF8ToString(funcnamePtr) : undefined;
            const filename = filenamePtr ? wasmModule.UTF8ToString(filenamePtr) : undefined;
            throw new SqlError(message, {
                message,
                cursorPosition: cursorpos > 0 ? cursorpos - 1 : 0, // Convert to 0-based
                fileName: filename,
                functionName: funcname,
                lineNumber: lineno > 0 ? lineno : undefined
            });
        }
        if (!parseTreePtr) {
            throw new Error('No parse tree generated');
        }
        const parseTreeStr = wasmModule.UTF8ToString(parseTreePtr);
        return JSON.parse(parseTreeStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_parse_result(resultPtr);
        }
    }
});
exports.parsePlPgSQL = awaitInit(async (query) => {
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_parse_plpgsql(queryPtr);
        const resultStr = ptrToString(resultPtr);
        // Success is always a JSON object; anything else is an error message
        if (!resultStr.startsWith('{')) {
            throw new Error(resultStr);
        }
        return JSON.parse(resultStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
});
exports.fingerprint = awaitInit(async (query) => {
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_fingerprint(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return resultStr;
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
});
exports.normalize = awaitInit(async (query) => {
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_normalize_query(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return resultStr;
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
});
// Sync versions
function parseSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    // Input validation
    if (query === null || query === undefined) {
        throw new Error('Query cannot be null or undefined');
    }
    if (query === '') {
        throw new Error('Query cannot be empty');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_parse_query_raw(queryPtr);
        if (!resultPtr) {
            throw new Error('Failed to parse query: memory allocation failed');
        }
        // Read the PgQueryParseResult struct
        const parseTreePtr = wasmModule.getValue(resultPtr, 'i32');
        const stderrBufferPtr = wasmModule.getValue(resultPtr + 4, 'i32');
        const errorPtr = wasmModule.getValue(resultPtr + 8, 'i32');
        if (errorPtr) {
            // Read PgQueryError struct
            const messagePtr = wasmModule.getValue(errorPtr, 'i32');
            const funcnamePtr = wasmModule.getValue(errorPtr + 4, 'i32');
            const filenamePtr = wasmModule.getValue(errorPtr + 8, 'i32');
            const lineno = wasmModule.getValue(errorPtr + 12, 'i32');
            const cursorpos = wasmModule.getValue(errorPtr + 16, 'i32');
            const message = messagePtr ? wasmModule.UTF8ToString(messagePtr) : 'Unknown error';
            const funcname = funcnamePtr ? wasmModule.UTF8ToString(funcnamePtr) : undefined;
            const filename = filenamePtr ? wasmModule.UTF8ToString(filenamePtr) : undefined;
            throw new SqlError(message, {
                message,
                cursorPosition: cursorpos > 0 ? cursorpos - 1 : 0, // Convert to 0-based
                fileName: filename,
                functionName: funcname,
                lineNumber: lineno > 0 ? lineno : undefined
            });
        }
        if (!parseTreePtr) {
            throw new Error('No parse tree generated');
        }
        const parseTreeStr = wasmModule.UTF8ToString(parseTreePtr);
        return JSON.parse(parseTreeStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_parse_result(resultPtr);
        }
    }
}
function parsePlPgSQLSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_parse_plpgsql(queryPtr);
        const resultStr = ptrToString(resultPtr);
        // Success is always a JSON object; anything else is an error message
        if (!resultStr.startsWith('{')) {
            throw new Error(resultStr);
        }
        return JSON.parse(resultStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
}
function fingerprintSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_fingerprint(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return resultStr;
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
}
function normalizeSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_normalize_query(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return resultStr;
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
}
exports.scan = awaitInit(async (query) => {
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_scan(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return JSON.parse(resultStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
});
function scanSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_scan(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return JSON.parse(resultStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
}


/***/ })

/******/ 	});
/************************************************************************/
/******/ 	// The module cache
/******/ 	var __webpack_module_cache__ = {};
/******/ 	
/******/ 	// The require function
/******/ 	function __nccwpck_require__(moduleId) {
/******/ 		// Check if module is in cache
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			// no module.id needed
/******/ 			// no module.loaded needed
/******/ 			exports: {}
/******/ 		};
/******/ 	
/******/ 		// Execute the module function
/******/ 		var threw = true;
/******/ 		try {
/******/ 			__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 			threw = false;
/******/ 		} finally {
/******/ 			if(threw) delete __webpack_module_cache__[moduleId];
/******/ 		}
/******/ 	
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/ 	
/************************************************************************/
/******/ 	/* webpack/runtime/asset-relocator-loader */
/******/ 	if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = __dirname + "/";
/******/ 	
/************************************************************************/
var __webpack_exports__ = {};
// This entry need to be wrapped in an IIFE because it need to be in strict mode.
(() => {
"use strict";
var exports = __webpack_exports__;

Object.defineProperty(exports, "__esModule", ({ value: true }));
/**
 * The parse-ahead thread (see parse-ahead.ts): loads the parser, then works through one file (a
 * job) at a time, claiming chunks from the shared counter and posting the parser's JSON text for
 * each. A string is the cheapest thing to copy between threads; the linting thread turns it into
 * objects. For the chunk's DO blocks it also runs the expansion the linting thread will run, and
 * sends the parser's answers for their bodies and the SQL inside them, which would otherwise be
 * parsed one small call at a time on the busier thread.
 */
const node_worker_threads_1 = __nccwpck_require__(919);
const parse_ahead_protocol_ts_1 = __nccwpck_require__(104);
const positions_ts_1 = __nccwpck_require__(900);
const sql_parser_ts_1 = __nccwpck_require__(298);
const statements_ts_1 = __nccwpck_require__(172);
function claim(state, chunks) {
    for (;;) {
        const next = Atomics.load(state, parse_ahead_protocol_ts_1.NEXT);
        if (next >= chunks)
            return -1;
        const linted = Atomics.load(state, parse_ahead_protocol_ts_1.LINTED);
        if (next - linted >= parse_ahead_protocol_ts_1.AHEAD_LIMIT) {
            Atomics.wait(state, parse_ahead_protocol_ts_1.LINTED, linted, 1000);
            continue;
        }
        if (Atomics.compareExchange(state, parse_ahead_protocol_ts_1.NEXT, next, next + 1) === next)
            return next;
    }
}
/** Parser answers the expansion of these DO statements needs; failures are left to the other thread. */
function prepareDoBlocks(chunk, doStatements) {
    if (doStatements.length === 0)
        return undefined;
    const answers = new Map();
    for (const [start, end] of doStatements) {
        const sql = chunk.slice(start, end);
        try {
            // The DO statement itself the linting thread has in the chunk's tree: only what it runs is recorded.
            const tree = (0, sql_parser_ts_1.parseSql)(sql);
            (0, sql_parser_ts_1.recordParses)(() => (0, statements_ts_1.parseHost)({ text: sql, path: '', lines: new positions_ts_1.LineIndex(sql) }, { sql, toFile: (i) => i }, 0, [], tree), answers);
        }
        catch {
            // A DO statement that does not parse: the linting thread reports it.
        }
    }
    return answers;
}
function runJob({ chunks, doStatements, shared, port }) {
    const state = new Int32Array(shared);
    for (let chunk = claim(state, chunks.length); chunk !== -1; chunk = claim(state, chunks.length)) {
        const result = { chunk };
        try {
            result.json = (0, sql_parser_ts_1.parseSqlJson)(chunks[chunk]);
            const prepared = prepareDoBlocks(chunks[chunk], doStatements[chunk] ?? []);
            if (prepared)
                result.prepared = prepared;
        }
        catch {
            // The chunk does not parse: the linting thread parses it statement by statement.
        }
        port.postMessage(result);
        Atomics.add(state, parse_ahead_protocol_ts_1.POSTED, 1);
        Atomics.notify(state, parse_ahead_protocol_ts_1.POSTED);
    }
    port.close();
}
const status = node_worker_threads_1.workerData?.status;
const setStatus = (value) => status && Atomics.store(new Int32Array(status), 0, value);
/** Runs a job; anything unexpected is said at once, so the linting thread parses the rest itself rather than wait. */
function serve(job) {
    try {
        runJob(job);
    }
    catch {
        setStatus(parse_ahead_protocol_ts_1.HELPER_GONE);
        const state = new Int32Array(job.shared);
        Atomics.add(state, parse_ahead_protocol_ts_1.POSTED, 1);
        Atomics.notify(state, parse_ahead_protocol_ts_1.POSTED);
        node_worker_threads_1.parentPort?.close();
    }
}
const jobs = [];
let loaded = false;
node_worker_threads_1.parentPort?.on('message', (job) => (loaded ? serve(job) : jobs.push(job)));
/**
 * A few statements of the kinds migrations are made of, parsed once while the linting thread is
 * still loading and splitting: the parser's WebAssembly is compiled function by function on first
 * use, and the first real chunk should not wait for that.
 */
const WARM_UP = `CREATE TABLE warm (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL DEFAULT 'x', at timestamptz DEFAULT now());
CREATE INDEX CONCURRENTLY warm_name ON warm (lower(name)) WHERE id > 0;
ALTER TABLE warm ADD COLUMN n numeric(12, 2), ADD CONSTRAINT warm_fk FOREIGN KEY (id) REFERENCES other (id) NOT VALID;
UPDATE warm SET name = 'y' WHERE id BETWEEN 1 AND 2; COMMENT ON TABLE warm IS 'w'; SET lock_timeout = '1s'; BEGIN; COMMIT;
DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_class) THEN EXECUTE 'CREATE INDEX i ON warm (id)'; END IF; END$$;`;
function warmUp() {
    try {
        prepareDoBlocks(WARM_UP, [[WARM_UP.indexOf('DO $$'), WARM_UP.length]]);
        (0, sql_parser_ts_1.parseSqlJson)(WARM_UP);
    }
    catch {
        // Only a warm-up.
    }
}
// No top-level await: the action bundles this file as CommonJS.
(0, sql_parser_ts_1.loadParser)().then(() => {
    warmUp();
    loaded = true;
    setStatus(parse_ahead_protocol_ts_1.HELPER_READY);
    node_worker_threads_1.parentPort?.postMessage('ready');
    for (const job of jobs.splice(0))
        serve(job);
}, () => {
    // Without a parser there is nothing to help with: the linting thread stops waiting at once.
    setStatus(parse_ahead_protocol_ts_1.HELPER_GONE);
    node_worker_threads_1.parentPort?.close();
});

})();

module.exports = __webpack_exports__;
/******/ })()
;
// keras-functional-guide: each output image links to itself, so a click opens it full size.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("div.cell_output img").forEach(function (img) {
    if (img.closest("a")) return;
    var link = document.createElement("a");
    link.href = img.getAttribute("src");
    link.className = "kfg-zoom";
    link.title = "点击查看原图";
    img.parentNode.insertBefore(link, img);
    link.appendChild(img);
  });
});
